package org.mailplatform.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.net.ssl.SSLSocket;

import org.mailplatform.testsupport.TrustAllTls;

/**
 * An IMAP client over implicit TLS that shows the server's lines as they arrive, each with the
 * moment it was read off the socket: what a test needs to time an IDLE push (RFC 2177). It is for
 * commands whose responses carry no literals (LOGIN, SELECT, IDLE, STORE, SEARCH, FETCH of flags).
 */
final class RawImapClient implements AutoCloseable {

    /** A server line without its CRLF, and {@link System#nanoTime()} when it was read. */
    record Line(String text, long arrivedAtNanos) {
    }

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(15);

    private final SSLSocket socket;
    private final OutputStream out;
    private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
    private int nextTag = 1;
    private String idleTag;

    private RawImapClient(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        Thread.ofVirtual().name("raw-imap-reader").start(() -> {
            try {
                for (String text = in.readLine(); text != null; text = in.readLine()) {
                    lines.add(new Line(text, System.nanoTime()));
                }
            } catch (IOException e) {
                // The socket was closed: the test is over with this connection.
            }
        });
    }

    /** Connects, reads the greeting and logs in. */
    static RawImapClient login(int implicitTlsPort, String user, String password) throws IOException {
        SSLSocket socket = (SSLSocket) TrustAllTls.socketFactory().createSocket("127.0.0.1", implicitTlsPort);
        socket.startHandshake();
        RawImapClient client = new RawImapClient(socket);
        String greeting = client.next(l -> true, REPLY_TIMEOUT).text();
        if (!greeting.startsWith("* OK")) {
            client.close();
            throw new IllegalStateException("unexpected greeting: " + greeting);
        }
        client.command("LOGIN " + quoted(user) + " " + quoted(password));
        return client;
    }

    /** Sends a command and returns every line up to and including its tagged OK; a NO or BAD throws. */
    List<String> command(String command) throws IOException {
        String tag = "a" + nextTag++;
        send(tag + " " + command);
        List<String> reply = new ArrayList<>();
        while (true) {
            String text = next(l -> true, REPLY_TIMEOUT).text();
            reply.add(text);
            if (text.startsWith(tag + " ")) {
                if (!text.startsWith(tag + " OK")) {
                    throw new IllegalStateException(command + " failed: " + text);
                }
                return reply;
            }
        }
    }

    /** Starts IDLE and returns once the server has said it is idling. */
    void idle() throws IOException {
        idleTag = "a" + nextTag++;
        send(idleTag + " IDLE");
        next(l -> l.text().startsWith("+"), REPLY_TIMEOUT);
    }

    /** Ends IDLE (RFC 2177 DONE) and waits for its tagged OK. */
    void done() throws IOException {
        send("DONE");
        Line end = next(l -> l.text().startsWith(idleTag + " "), REPLY_TIMEOUT);
        if (!end.text().startsWith(idleTag + " OK")) {
            throw new IllegalStateException("IDLE ended with " + end.text());
        }
        idleTag = null;
    }

    /** The first line from now on that matches, skipping others; fails after {@code timeout}. */
    Line next(Predicate<Line> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Line line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("no such line from the server within " + timeout);
                }
                if (wanted.test(line)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
