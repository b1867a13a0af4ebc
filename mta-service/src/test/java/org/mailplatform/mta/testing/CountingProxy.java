package org.mailplatform.mta.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on loopback in front of a real SMTP server, which sees what the server's own logs do
 * not say plainly: how many sessions were open at once, and when each MAIL command was sent (read
 * from the client's plaintext stream, so only for servers without STARTTLS). The target is set when
 * the server has started, so the relay can be handed to configuration before.
 */
public final class CountingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();
    private final List<Instant> mailCommands = new CopyOnWriteArrayList<>();
    private volatile int targetPort;

    private CountingProxy(InetAddress address) throws IOException {
        listener = new ServerSocket(0, 50, address);
        Thread.ofVirtual().name("counting-proxy-" + listener.getLocalPort()).start(this::accept);
    }

    /** @param address a loopback address of its own, so that it is a next hop of its own */
    public static CountingProxy start(String address) {
        try {
            return new CountingProxy(InetAddress.getByName(address));
        } catch (IOException e) {
            throw new IllegalStateException("no loopback port for the proxy", e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** {@code address:port}, as a transport table entry names it. */
    public String hostAndPort() {
        return listener.getInetAddress().getHostAddress() + ":" + port();
    }

    public void forwardTo(int port) {
        targetPort = port;
    }

    /** The most sessions that were open at the same time. */
    public int maxConcurrentSessions() {
        return maxOpen.get();
    }

    public int sessions() {
        return sessions.get();
    }

    /** When the client sent each MAIL command, in order. */
    public List<Instant> mailCommands() {
        return List.copyOf(mailCommands);
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            Thread.ofVirtual().start(() -> relay(client));
        }
    }

    private void relay(Socket client) {
        sessions.incrementAndGet();
        maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        try (client; Socket server = new Socket()) {
            server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
            Thread back = Thread.ofVirtual().start(() -> pump(server, client, false));
            pump(client, server, true);
            back.join();
        } catch (IOException e) {
            // The client sees its connection fail, which is what the test asserts on.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.decrementAndGet();
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        StringBuilder line = new StringBuilder();
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (fromClient) {
                    scan(buffer, n, line);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // One side closed: the other is closed with it below.
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                // Already closed.
            }
        }
    }

    private void scan(byte[] buffer, int n, StringBuilder line) {
        for (int i = 0; i < n; i++) {
            char c = (char) (buffer[i] & 0xff);
            if (c == '\n') {
                if (line.toString().toUpperCase(Locale.ROOT).startsWith("MAIL FROM:")) {
                    mailCommands.add(Instant.now());
                }
                line.setLength(0);
            } else if (line.length() < 16) {
                line.append(c);
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    @Override
    public String toString() {
        return "proxy " + hostAndPort() + " -> :" + targetPort;
    }
}
