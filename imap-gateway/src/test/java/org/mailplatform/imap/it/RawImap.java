package org.mailplatform.imap.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A byte-exact IMAP client for exchanges a mail library will not produce (literals of any size,
 * malformed commands, pipelining). Responses are read line by line, a literal's octets kept
 * inside the line that announced them.
 */
final class RawImap implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int tags;

    private RawImap(Socket socket) throws IOException {
        attach(socket);
    }

    static RawImap plain(int port) throws IOException {
        return new RawImap(new Socket("127.0.0.1", port));
    }

    static RawImap implicitTls(int port) throws Exception {
        SSLSocket tls = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", port);
        tls.startHandshake();
        return new RawImap(tls);
    }

    static SSLContext trustAll() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) {
            }

            public void checkServerTrusted(X509Certificate[] c, String a) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        return ctx;
    }

    private void attach(Socket s) throws IOException {
        socket = s;
        socket.setSoTimeout(15_000);
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Upgrades the connection after the server's go-ahead. */
    void startTls() throws Exception {
        SSLSocket tls = (SSLSocket) trustAll().getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        tls.startHandshake();
        attach(tls);
    }

    /** STARTTLS, then LOGIN; returns the tagged reply of LOGIN. */
    String loginOverStartTls(String user, String password) throws Exception {
        readLine();
        command("STARTTLS");
        startTls();
        return last(command("LOGIN " + quote(user) + " " + quote(password)));
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    String nextTag() {
        return "T" + (++tags);
    }

    /** The tag of the command sent last. */
    String lastTag() {
        return "T" + tags;
    }

    /** Sends {@code tag SP command CRLF} with a fresh tag and reads up to the tagged reply. */
    List<String> command(String command) throws IOException {
        String tag = nextTag();
        write(tag + " " + command + "\r\n");
        return readUntilTagged(tag);
    }

    void write(String raw) throws IOException {
        write(raw.getBytes(StandardCharsets.UTF_8));
    }

    void write(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    List<String> readUntilTagged(String tag) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new IOException("connection closed; got " + lines);
            }
            lines.add(line);
            if (line.startsWith(tag + " ")) {
                return lines;
            }
        }
    }

    static String last(List<String> lines) {
        return lines.getLast();
    }

    /** One response line; a literal's octets are appended to the line that announced them. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
                int size = literalSize(text);
                if (size < 0) {
                    return text;
                }
                line.reset();
                line.write(bytes, 0, end);
                line.write('\r');
                line.write('\n');
                line.write(in.readNBytes(size));
                continue;
            }
            line.write(b);
        }
    }

    private static int literalSize(String text) {
        if (!text.endsWith("}") || text.startsWith("+ ")) {
            return -1;
        }
        int open = text.lastIndexOf('{');
        if (open < 0) {
            return -1;
        }
        String digits = text.substring(open + 1, text.length() - 1).replace("+", "");
        return digits.chars().allMatch(Character::isDigit) && !digits.isEmpty() ? Integer.parseInt(digits) : -1;
    }

    /** True when the server closed the connection. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
