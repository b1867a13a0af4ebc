package org.mailplatform.imap.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One benchmark connection: LOGIN, SELECT INBOX and IDLE with blocking I/O on a virtual thread,
 * then it only listens, noting when each {@code * n EXISTS} arrives. A reader of 512 octets keeps
 * ten thousand of them cheap on the client side.
 */
final class IdleClient {

    /** What a measuring round waits for: an EXISTS of at least {@code count}. */
    record Expectation(int count, CountDownLatch arrived) {
    }

    private final String user;
    private final String password;
    private final AtomicReference<Expectation> expectation = new AtomicReference<>();
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private volatile int exists;
    private volatile long existsAt;

    IdleClient(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /** Connects and logs in up to the server's IDLE continuation; any other reply is an IOException. */
    void open(InetSocketAddress server, SSLSocketFactory tls, int timeoutMillis) throws IOException {
        Socket plain = new Socket();
        socket = plain;
        plain.connect(server, timeoutMillis);
        plain.setSoTimeout(timeoutMillis);
        if (tls != null) {
            SSLSocket secure = (SSLSocket) tls.createSocket(plain, server.getHostString(), server.getPort(), true);
            secure.startHandshake();
            socket = secure;
        }
        in = new BufferedInputStream(socket.getInputStream(), 512);
        out = socket.getOutputStream();
        expect(readLine(), "* OK");
        send("a LOGIN " + user + " \"" + password + "\"");
        untilTagged("a");
        send("b SELECT INBOX");
        untilTagged("b");
        send("c IDLE");
        expect(readLine(), "+");
        socket.setSoTimeout(0);
    }

    /** Reads until the connection closes, recording EXISTS responses. */
    void listen() {
        try {
            String line;
            while ((line = readLine()) != null) {
                if (line.startsWith("* ") && line.endsWith(" EXISTS")) {
                    arrived(Integer.parseInt(line.substring(2, line.length() - 7)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // closed by close() or by the server; the round that misses it reports the shortfall
        }
    }

    /** Counts {@code arrived} down once this session has seen at least {@code count} messages. */
    void await(int count, CountDownLatch arrived) {
        Expectation e = new Expectation(count, arrived);
        expectation.set(e);
        if (exists >= count && expectation.compareAndSet(e, null)) {
            arrived.countDown();
        }
    }

    String user() {
        return user;
    }

    int exists() {
        return exists;
    }

    /** {@link System#nanoTime()} of the latest EXISTS. */
    long existsAt() {
        return existsAt;
    }

    void close() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void arrived(int count) {
        existsAt = System.nanoTime();
        exists = count;
        Expectation e = expectation.get();
        if (e != null && count >= e.count() && expectation.compareAndSet(e, null)) {
            e.arrived().countDown();
        }
    }

    private void untilTagged(String tag) throws IOException {
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new IOException("closed waiting for " + tag);
            }
            if (line.startsWith("* ") && line.endsWith(" EXISTS")) {
                exists = Integer.parseInt(line.substring(2, line.length() - 7));
            }
            if (line.startsWith(tag + " ")) {
                expect(line, tag + " OK");
                return;
            }
        }
    }

    private static void expect(String line, String prefix) throws IOException {
        if (line == null || !line.startsWith(prefix)) {
            throw new IOException("expected " + prefix + ", got " + line);
        }
    }

    private void send(String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(80);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int n = line.size();
                String text = line.toString(StandardCharsets.UTF_8);
                return n > 0 && text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }
}
