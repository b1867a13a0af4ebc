package org.mailplatform.pop3;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLSocket;

import org.mailplatform.testsupport.TrustAllTls;

/** A line-level POP3 client for exchanges and wire details a mail library hides. */
final class RawPop3 implements AutoCloseable {

    private Socket tcp;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private RawPop3(Socket tcp, Socket socket) throws IOException {
        this.tcp = tcp;
        attach(socket);
    }

    /** Connects and reads the greeting. */
    static RawPop3 connect(int port, boolean implicitTls) throws Exception {
        return connect(port, implicitTls, InetAddress.getLoopbackAddress());
    }

    /** Connects from the given local address (any of 127.0.0.0/8 works on loopback) and reads the greeting. */
    static RawPop3 connect(int port, boolean implicitTls, InetAddress from) throws Exception {
        Socket plain = new Socket(InetAddress.getByName("127.0.0.1"), port, from, 0);
        RawPop3 client;
        if (implicitTls) {
            SSLSocket tls = (SSLSocket) TrustAllTls.socketFactory().createSocket(plain, "127.0.0.1", port, true);
            tls.startHandshake();
            client = new RawPop3(plain, tls);
        } else {
            client = new RawPop3(plain, plain);
        }
        String greeting = client.line();
        if (greeting == null || !greeting.startsWith("+OK")) {
            throw new IllegalStateException("unexpected greeting: " + greeting);
        }
        return client;
    }

    /** STLS on a 110-style port, then USER/PASS inside TLS; returns the PASS reply. */
    static RawPop3 login(int port, String user, String password) throws Exception {
        RawPop3 client = connect(port, false);
        client.stls();
        client.command("USER " + user);
        String reply = client.command("PASS " + password);
        if (!reply.startsWith("+OK")) {
            client.close();
            throw new IllegalStateException("login failed: " + reply);
        }
        return client;
    }

    private void attach(Socket s) throws IOException {
        socket = s;
        socket.setSoTimeout(15_000);
        in = new BufferedInputStream(s.getInputStream());
        out = s.getOutputStream();
    }

    void stls() throws Exception {
        String reply = command("STLS");
        if (!reply.startsWith("+OK")) {
            throw new IllegalStateException("STLS refused: " + reply);
        }
        upgrade();
    }

    /** Starts TLS on the socket (after the server's go-ahead was read). */
    void upgrade() throws Exception {
        SSLSocket tls = (SSLSocket) TrustAllTls.socketFactory()
                .createSocket(socket, "127.0.0.1", socket.getPort(), true);
        tls.startHandshake();
        attach(tls);
    }

    void write(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sends a command line and returns the one-line reply. */
    String command(String command) throws IOException {
        write(command + "\r\n");
        return line();
    }

    /** One line without its CRLF; null at end of stream. */
    String line() throws IOException {
        byte[] raw = rawLine();
        if (raw == null) {
            return null;
        }
        int end = raw.length;
        while (end > 0 && (raw[end - 1] == '\n' || raw[end - 1] == '\r')) {
            end--;
        }
        return new String(raw, 0, end, StandardCharsets.UTF_8);
    }

    /** One line with its terminator, as sent. */
    byte[] rawLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    /** Sends a command; on +OK returns the status line followed by the body lines (still stuffed), without "."; on -ERR just that line. */
    List<String> multiLine(String command) throws IOException {
        List<String> lines = new ArrayList<>();
        String status = command(command);
        lines.add(status);
        if (status == null || !status.startsWith("+OK")) {
            return lines;
        }
        String line;
        while ((line = line()) != null && !line.equals(".")) {
            lines.add(line);
        }
        return lines;
    }

    /** The body of a multi-line response exactly as sent, up to and including the terminating ".CRLF". */
    byte[] rawBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] line;
        while ((line = rawLine()) != null) {
            body.writeBytes(line);
            if (line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n') {
                break;
            }
        }
        return body.toByteArray();
    }

    /** Undoes RFC 1939 3 byte-stuffing of a raw body and drops the terminator line. */
    static byte[] unstuff(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean lineStart = true;
        int end = body.length - 3;
        for (int i = 0; i < end; i++) {
            if (lineStart && body[i] == '.') {
                i++;
            }
            out.write(body[i]);
            lineStart = body[i] == '\n';
        }
        return out.toByteArray();
    }

    /** True when the server closed the connection (end of stream or reset). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketException e) {
            return true;
        }
    }

    /** Kills the connection with a TCP reset, as a crashed client or a dropped network path would. */
    void reset() throws IOException {
        tcp.setSoLinger(true, 0);
        tcp.close();
    }

    /** Drops the connection without QUIT. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
