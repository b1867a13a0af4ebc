package org.mailplatform.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The documented maximums thrown at one submission service at once, while its resident set is
 * sampled: idle TLS connections (spread over loopback addresses, below the per-address limit),
 * clients logging in over and over (each login an Argon2 hash), and clients sending messages of the
 * maximum size. Raw SMTP over TLS sockets, so the client's own costs do not hide the server's.
 */
final class MemoryLoad {

    /** The sizes of one run. */
    record Plan(int idleConnections, int loginClients, int largeMessages, long messageSize, Duration loginPhase) {
    }

    /** What the run saw. */
    record Result(long peakRssBytes, int idleOpened, int logins, int loginFailures, int accepted,
                  List<String> refusals, List<String> errors, boolean alive) {
    }

    private static final int CONNECTIONS_PER_ADDRESS = 40;
    private static final String CLIENT_NAME = "load.client.test";

    private final String host = "127.0.0.1";
    private final int port;
    private final String user;
    private final String password;
    private final SSLContext tls;

    /** @param port the implicit-TLS submission port (RFC 8314) */
    MemoryLoad(int port, String user, String password) {
        this.port = port;
        this.user = user;
        this.password = password;
        this.tls = trustingEveryCertificate();
    }

    Result run(Plan plan, long pid) throws Exception {
        RssSampler sampler = new RssSampler(pid);
        Thread sampling = Thread.ofPlatform().daemon().name("rss-sampler").start(sampler);
        List<Socket> idle = new ArrayList<>();
        ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger logins = new AtomicInteger();
        AtomicInteger loginFailures = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            openIdle(plan.idleConnections(), idle, errors, clients);
            CountDownLatch start = new CountDownLatch(1);
            long loginsUntil = System.nanoTime() + plan.loginPhase().toNanos();
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < plan.loginClients(); i++) {
                int n = i;
                work.add(clients.submit(() -> {
                    start.await();
                    while (System.nanoTime() < loginsUntil) {
                        try (SmtpLine smtp = connect(address(1000 + n))) {
                            if (smtp.authenticate(user, password)) {
                                logins.incrementAndGet();
                            } else {
                                loginFailures.incrementAndGet();
                            }
                        } catch (IOException e) {
                            errors.add("login: " + e);
                        }
                    }
                    return null;
                }));
            }
            for (int i = 0; i < plan.largeMessages(); i++) {
                int n = i;
                work.add(clients.submit(() -> {
                    start.await();
                    try (SmtpLine smtp = connect(address(2000 + n))) {
                        String reply = smtp.sendLarge(user, password, plan.messageSize(), "<memory-" + n + "-" + System.nanoTime() + "@load.client.test>");
                        if (reply.startsWith("250")) {
                            accepted.incrementAndGet();
                        } else {
                            refusals.add(reply);
                        }
                    } catch (IOException e) {
                        errors.add("message: " + e);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : work) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            for (Socket s : idle) {
                closeQuietly(s);
            }
            sampler.stop();
            sampling.join(5_000);
        }
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        return new Result(sampler.peak(), idle.size(), logins.get(), loginFailures.get(), accepted.get(),
                List.copyOf(refusals), List.copyOf(errors), alive);
    }

    private void openIdle(int count, List<Socket> idle, ConcurrentLinkedQueue<String> errors, ExecutorService clients)
            throws Exception {
        // Clients arrive a few at a time, as they do: a thousand TLS handshakes at one instant on a loaded
        // machine would outlast the server's handshake timeout and measure that instead.
        Semaphore arriving = new Semaphore(16);
        List<Future<Socket>> opening = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            opening.add(clients.submit(() -> {
                arriving.acquire();
                try {
                    SmtpLine smtp = connect(address(n));
                    smtp.command("EHLO " + CLIENT_NAME);
                    return smtp.socket;
                } finally {
                    arriving.release();
                }
            }));
        }
        for (Future<Socket> f : opening) {
            try {
                idle.add(f.get(5, TimeUnit.MINUTES));
            } catch (java.util.concurrent.ExecutionException e) {
                errors.add("idle: " + e.getCause());
            }
        }
    }

    /** 127.0.0.2 upwards, {@value #CONNECTIONS_PER_ADDRESS} clients each: the service allows 50 per address. */
    private static InetAddress address(int client) throws IOException {
        int index = client / CONNECTIONS_PER_ADDRESS;
        return InetAddress.getByAddress(new byte[] {127, 0, (byte) (1 + index / 250), (byte) (2 + index % 250)});
    }

    private SmtpLine connect(InetAddress local) throws IOException {
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress(local, 0));
        plain.connect(new InetSocketAddress(host, port), 30_000);
        plain.setSoTimeout(120_000);
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
        socket.startHandshake();
        SmtpLine smtp = new SmtpLine(socket);
        smtp.expect("220");
        return smtp;
    }

    private static SSLContext trustingEveryCertificate() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            // The stack's certificate is self-signed for its dev host name: this load measures the server, not PKIX.
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // The test is over; a socket that fails to close only matters to the server, which times it out.
        }
    }

    /** One SMTP client connection: commands and (multi-line) replies. */
    private static final class SmtpLine implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        SmtpLine(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            this.out = socket.getOutputStream();
        }

        String command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return reply();
        }

        String reply() throws IOException {
            String line;
            StringBuilder all = new StringBuilder();
            do {
                line = in.readLine();
                if (line == null) {
                    throw new IOException("connection closed after: " + all);
                }
                all.append(line).append(' ');
            } while (line.length() > 3 && line.charAt(3) == '-');
            return all.toString().strip();
        }

        void expect(String code) throws IOException {
            String reply = reply();
            if (!reply.startsWith(code)) {
                throw new IOException("expected " + code + ", got " + reply);
            }
        }

        boolean authenticate(String user, String password) throws IOException {
            command("EHLO " + CLIENT_NAME);
            String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
            return command("AUTH PLAIN " + token).startsWith("235");
        }

        /** A message of {@code size} octets of 76-character lines; the final reply, or the first refusal. */
        String sendLarge(String user, String password, long size, String messageId) throws IOException {
            if (!authenticate(user, password)) {
                return "AUTH refused";
            }
            String reply = command("MAIL FROM:<" + user + "> SIZE=" + size);
            if (!reply.startsWith("250")) {
                return reply;
            }
            reply = command("RCPT TO:<" + user + ">");
            if (!reply.startsWith("250")) {
                return reply;
            }
            reply = command("DATA");
            if (!reply.startsWith("354")) {
                return reply;
            }
            byte[] header = ("From: <" + user + ">\r\nTo: <" + user + ">\r\nSubject: memory load\r\nMessage-ID: " + messageId
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            out.write(header);
            byte[] line = ("x".repeat(76) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] block = new byte[line.length * 800];
            for (int i = 0; i < 800; i++) {
                System.arraycopy(line, 0, block, i * line.length, line.length);
            }
            long written = header.length;
            while (written + block.length <= size - 5) {
                out.write(block);
                written += block.length;
            }
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return reply();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Peak VmRSS of a process, read from /proc every 100 ms. */
    private static final class RssSampler implements Runnable {
        private final Path status;
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;

        RssSampler(long pid) {
            this.status = Path.of("/proc", String.valueOf(pid), "status");
        }

        @Override
        public void run() {
            while (running) {
                sample();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void sample() {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                        peak.accumulateAndGet(kib * 1024, Math::max);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The process ended: the result reports it as not alive.
            }
        }

        void stop() {
            running = false;
            sample();
        }

        long peak() {
            return peak.get();
        }
    }
}
