package org.mailplatform.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.kernel.KernelSettings;
import org.mailplatform.kernel.ListenerSpec;
import org.mailplatform.kernel.ProtocolServer;
import org.mailplatform.kernel.TlsMode;
import org.mailplatform.smtp.MailParameters;
import org.mailplatform.smtp.MailPath;
import org.mailplatform.smtp.RcptParameters;
import org.mailplatform.smtp.SmtpPolicy;
import org.mailplatform.smtp.SmtpReply;
import org.mailplatform.smtp.SmtpSessionInfo;
import org.mailplatform.smtp.SmtpSettings;
import org.mailplatform.smtp.SmtpTransaction;

/** The kernel's input limits as an SMTP client on port 25 meets them, over a real socket. */
class SmtpClientLimitsTest {

    private static final String TIMEOUT = "421 4.4.2 mx.example.test Error: timeout exceeded";

    private final ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();
    private ProtocolServer server;

    @AfterEach
    void stop() {
        dribbler.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    private int start(KernelSettings kernel, Duration messageDeadline) {
        return start(kernel, messageDeadline, new AcceptAll());
    }

    private int start(KernelSettings kernel, Duration messageDeadline, SmtpPolicy policy) {
        SmtpSessionFactory factory = new SmtpSessionFactory(SmtpSettings.transfer("mx.example.test"), policy, null, null,
                messageDeadline);
        server = ProtocolServer.builder("smtp", factory)
                .settings(kernel.withShutdownGracePeriod(Duration.ofSeconds(1)))
                .listener(new ListenerSpec("smtp", "127.0.0.1", 0, TlsMode.NONE))
                .build();
        server.start();
        return server.boundPort("smtp");
    }

    @Test
    void anEndlessLineIsAnswered500AndTheConnectionClosed() throws Exception {
        try (Client client = new Client(start(KernelSettings.defaults(), Duration.ofMinutes(30)))) {
            client.readLine();
            CompletableFuture.runAsync(() -> client.flood(10 * 1024 * 1024));

            assertThat(client.readLine()).isEqualTo("500 5.5.2 Line too long");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void anOverlongCommandThatEndsIsRefusedAndTheSessionGoesOn() throws Exception {
        try (Client client = new Client(start(KernelSettings.defaults(), Duration.ofMinutes(30)))) {
            client.readLine();
            client.send("NOOP " + "x".repeat(100_000) + "\r\n");
            assertThat(client.readLine()).isEqualTo("500 5.5.2 Line too long");
            assertThat(client.command("NOOP")).startsWith("250");
        }
    }

    @Test
    void commandsNowAndThenDoNotHoldTheConnectionPastTheDeadline() throws Exception {
        try (Client client = new Client(start(KernelSettings.defaults().withLoginTimeout(Duration.ofMillis(1500)), Duration.ofMinutes(30)))) {
            client.readLine();
            dribble(client, "NOOP\r\n", 100);

            assertThat(client.readUntil(line -> !line.startsWith("250"))).isEqualTo(TIMEOUT);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void eachMessageStartsTheDeadlineOver() throws Exception {
        try (Client client = new Client(start(KernelSettings.defaults().withLoginTimeout(Duration.ofMillis(3000)), Duration.ofMinutes(30)))) {
            client.readLine();
            assertThat(client.command("EHLO client.example.test")).startsWith("250");
            long started = System.nanoTime();
            for (int i = 0; i < 4; i++) {
                await().pollDelay(Duration.ofMillis(1200)).until(() -> true);
                assertThat(client.command("MAIL FROM:<a@client.example.test>")).startsWith("250");
                assertThat(client.command("RCPT TO:<b@example.test>")).startsWith("250");
                assertThat(client.command("DATA")).startsWith("354");
                assertThat(client.command("Subject: " + i + "\r\n\r\nbody\r\n.")).startsWith("250");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(4800));
        }
    }

    @Test
    void afterAMessageTheDeadlineAppliesAgain() throws Exception {
        try (Client client = new Client(start(KernelSettings.defaults().withLoginTimeout(Duration.ofMillis(1500)), Duration.ofMinutes(30)))) {
            client.readLine();
            client.command("EHLO client.example.test");
            client.command("MAIL FROM:<a@client.example.test>");
            client.command("RCPT TO:<b@example.test>");
            assertThat(client.command("DATA")).startsWith("354");
            ScheduledFuture<?> headers = dribble(client, "x: y\r\n", 100);
            await().pollDelay(Duration.ofMillis(1800)).until(() -> true);
            headers.cancel(false);
            assertThat(client.command(".")).as("the transfer outlived the login deadline").startsWith("250");
            dribble(client, "NOOP\r\n", 100);

            assertThat(client.readUntil(line -> !line.startsWith("250"))).isEqualTo(TIMEOUT);
        }
    }

    @Test
    void aMessageTransferHasItsOwnDeadline() throws Exception {
        KernelSettings kernel = KernelSettings.defaults().withMinPayloadRate(0, Duration.ofSeconds(1));
        try (Client client = new Client(start(kernel, Duration.ofMillis(1000)))) {
            client.readLine();
            client.command("EHLO client.example.test");
            client.command("MAIL FROM:<a@client.example.test>");
            client.command("RCPT TO:<b@example.test>");
            assertThat(client.command("DATA")).startsWith("354");
            dribble(client, "a line of the message\r\n", 100);

            assertThat(client.readLine()).isEqualTo(TIMEOUT);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void dataSlowerThanTheMinimumRateIsCutOff() throws Exception {
        KernelSettings kernel = KernelSettings.defaults().withMinPayloadRate(1000, Duration.ofMillis(300));
        try (Client client = new Client(start(kernel, Duration.ofMinutes(30)))) {
            client.readLine();
            client.command("EHLO client.example.test");
            client.command("MAIL FROM:<a@client.example.test>");
            client.command("RCPT TO:<b@example.test>");
            assertThat(client.command("DATA")).startsWith("354");
            dribble(client, "x\r\n", 100);

            assertThat(client.readLine()).isEqualTo(TIMEOUT);
        }
    }

    @Test
    void aCommandLineDribbledByteByByteIsCutOff() throws Exception {
        try (Client client = new Client(start(KernelSettings.defaults().withLineTimeout(Duration.ofMillis(500)), Duration.ofMinutes(30)))) {
            client.readLine();
            dribble(client, "N", 100);

            assertThat(client.readLine()).isEqualTo(TIMEOUT);
        }
    }

    @Test
    void fiftySessionsFromOneAddressAreServedTheFiftyFirstIsToldToComeBack() throws Exception {
        int port = start(KernelSettings.defaults(), Duration.ofMinutes(30));
        List<Client> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Client client = new Client(port);
                clients.add(client);
                assertThat(client.readLine()).as("session %d", i + 1).startsWith("220 ");
            }
            try (Client over = new Client(port)) {
                assertThat(over.readLine()).isEqualTo("421 4.7.0 Too many connections, try again later");
                assertThat(over.closedByServer()).isTrue();
            }
        } finally {
            for (Client client : clients) {
                client.close();
            }
        }
        await().untilAsserted(() -> assertThat(server.openConnections()).isZero());
        try (Client again = new Client(port)) {
            assertThat(again.readLine()).startsWith("220 ");
        }
    }

    /** Postfix's smtp-source, as a sending MTA with 50 sessions in parallel (its -s), all from 127.0.0.1. */
    @Test
    void smtpSourceWithFiftyParallelSessionsDeliversEverything() throws Exception {
        AcceptAll policy = new AcceptAll();
        int port = start(KernelSettings.defaults(), Duration.ofMinutes(30), policy);
        Process source = new ProcessBuilder("smtp-source", "-s", "50", "-m", "200", "-c", "-f", "sender@client.example.test",
                "-t", "rcpt@example.test", "127.0.0.1:" + port).redirectErrorStream(true).start();
        String output = new String(source.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(source.waitFor()).as(output).isZero();
        assertThat(output).doesNotContain("421");
        assertThat(policy.accepted.get()).isEqualTo(200);
    }

    private ScheduledFuture<?> dribble(Client client, String piece, long everyMillis) {
        return dribbler.scheduleAtFixedRate(() -> {
            try {
                client.send(piece);
            } catch (IOException closed) {
                throw new IllegalStateException(closed);
            }
        }, 0, everyMillis, TimeUnit.MILLISECONDS);
    }

    private static final class AcceptAll implements SmtpPolicy {
        final AtomicInteger accepted = new AtomicInteger();

        @Override
        public SmtpReply checkSender(SmtpSessionInfo session, MailPath from, MailParameters parameters) {
            return null;
        }

        @Override
        public SmtpReply checkRecipient(SmtpSessionInfo session, SmtpTransaction soFar, MailPath recipient, RcptParameters parameters) {
            return null;
        }

        @Override
        public SmtpReply accept(SmtpSessionInfo session, SmtpTransaction transaction, byte[] message) {
            accepted.incrementAndGet();
            return SmtpReply.of(250, "2.0.0", "Ok: queued");
        }
    }

    /** A raw SMTP client: one-line replies are enough here. */
    static final class Client implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Client(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(5000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        synchronized void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** The last line of the reply to {@code line}. */
        String command(String line) throws IOException {
            send(line + "\r\n");
            String reply;
            do {
                reply = readLine();
            } while (reply.length() > 3 && reply.charAt(3) == '-');
            return reply;
        }

        String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("closed; partial line: " + line);
                }
                line.write(b);
            }
            String text = line.toString(StandardCharsets.US_ASCII);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }

        String readUntil(java.util.function.Predicate<String> wanted) throws IOException {
            String line;
            do {
                line = readLine();
            } while (!wanted.test(line));
            return line;
        }

        void flood(int bytes) {
            byte[] block = "z".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            try {
                for (int sent = 0; sent < bytes; sent += block.length) {
                    out.write(block);
                }
            } catch (IOException closedByServer) {
                // expected
            }
        }

        boolean closedByServer() throws IOException {
            try {
                while (in.read() >= 0) {
                    // skip
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
