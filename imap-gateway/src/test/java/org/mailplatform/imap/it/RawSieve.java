package org.mailplatform.imap.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLSocket;

import org.mailplatform.testsupport.TrustAllTls;

/**
 * A byte-exact ManageSieve client (RFC 5804) for scripted exchanges: it writes what the test says
 * and reads responses line by line, a literal {@code {n}} kept inside the line that announced it.
 */
final class RawSieve implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawSieve(int port) throws IOException {
        attach(new Socket("127.0.0.1", port));
    }

    private void attach(Socket s) throws IOException {
        socket = s;
        socket.setSoTimeout(15_000);
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    void startTls() throws IOException {
        SSLSocket tls = (SSLSocket) TrustAllTls.socketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        tls.startHandshake();
        attach(tls);
    }

    void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a command line and reads up to its OK, NO or BYE. */
    List<String> command(String line) throws IOException {
        write(line + "\r\n");
        return readResponse();
    }

    /** Lines up to and including the one that starts with OK, NO or BYE. */
    List<String> readResponse() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new IOException("connection closed after " + lines);
            }
            lines.add(line);
            if (line.startsWith("OK") || line.startsWith("NO") || line.startsWith("BYE")) {
                return lines;
            }
        }
    }

    /** One line without CRLF, a trailing literal's octets appended; null at end of stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
                if (text.matches(".*\\{\\d+}$")) {
                    int size = Integer.parseInt(text.substring(text.lastIndexOf('{') + 1, text.length() - 1));
                    return text + "\r\n" + new String(in.readNBytes(size), StandardCharsets.UTF_8) + readLine();
                }
                return text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /** True when the server has closed the connection (nothing more to read). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    /** STARTTLS, the repeated capabilities, then AUTHENTICATE PLAIN with an initial response. */
    List<String> loginOverStartTls(String user, String password) throws IOException {
        List<String> go = command("STARTTLS");
        if (!last(go).startsWith("OK")) {
            throw new IOException("STARTTLS refused: " + go);
        }
        startTls();
        readResponse();
        return command("AUTHENTICATE \"PLAIN\" \"" + plain(user, password) + "\"");
    }

    static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A non-synchronizing literal (RFC 5804 4 literal-c2s). */
    static String literal(String value) {
        return "{" + value.getBytes(StandardCharsets.UTF_8).length + "+}\r\n" + value;
    }

    static String last(List<String> lines) {
        return lines.getLast();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
