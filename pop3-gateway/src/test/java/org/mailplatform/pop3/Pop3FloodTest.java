package org.mailplatform.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;
import org.mailplatform.testsupport.MailPlatformTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * NOOP floods over a real socket: before login the command limit ends them; after login a client that
 * does not read its replies is held by the kernel's output bound and closed after the write timeout.
 */
@SpringBootTest(properties = {
        "mailplatform.hostname=pop.example.test",
        "mailplatform.local-dev=true",
        "mailplatform.pop3.listeners.pop3.port=0",
        "mailplatform.pop3.listeners.pop3.tls=STARTTLS",
        "mailplatform.pop3.listeners.pop3s.port=-1",
        "mailplatform.auth.throttle.account-max-failures=1000",
        "mailplatform.auth.throttle.address-max-failures=1000",
        "mailplatform.kernel.write-timeout=2s",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
class Pop3FloodTest extends Pop3IntegrationTest {

    @Autowired
    MeterRegistry registry;

    @Test
    void aNoopFloodBeforeLoginEndsAtTheCommandLimit() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", stlsPort())) {
            BufferedReader in = reader(socket);
            assertThat(in.readLine()).startsWith("+OK");
            socket.getOutputStream().write("NOOP\r\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII));

            // NOOP belongs to the TRANSACTION state (RFC 1939 5): each is refused, and counted.
            int refused = 0;
            String line;
            while ((line = in.readLine()) != null && !line.equals("-ERR Too many commands without logging in")) {
                assertThat(line).startsWith("-ERR");
                refused++;
            }
            assertThat(refused).isEqualTo(50);
            assertThat(line).isNotNull();
            assertThat(in.readLine()).isNull();
        }
    }

    @Test
    void aNoopFloodAfterLoginThatIsNeverReadIsHeldAndClosedAfterTheWriteTimeout() throws Exception {
        Account account = newAccount();
        double timeoutsBefore = writeTimeouts();
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(64 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", stlsPort()));
            BufferedReader in = reader(socket);
            OutputStream out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("+OK");
            out.write(("USER " + account.address() + "\r\nPASS " + PASSWORD + "\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("+OK");
            assertThat(in.readLine()).startsWith("+OK");

            AtomicLong sent = new AtomicLong();
            CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
                byte[] noops = "NOOP\r\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
                try {
                    while (sent.get() < 1L << 30) {
                        out.write(noops);
                        sent.addAndGet(noops.length);
                    }
                } catch (IOException closedByServer) {
                    // the end this test waits for
                }
            });

            AtomicLong mostQueued = new AtomicLong();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
                mostQueued.accumulateAndGet((long) queuedOutput(), Math::max);
                return writeTimeouts() > timeoutsBefore;
            });
            assertThat(mostQueued.get()).isPositive().isLessThan(256 * 1024);
            // Reading stopped once the replies backed up: the client could not send more than the sockets hold.
            assertThat(sent.get()).isLessThan(64L * 1024 * 1024);
            await().atMost(Duration.ofSeconds(10)).until(flood::isDone);
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }

    private double queuedOutput() {
        return Search.in(registry).name("mail.kernel.output.queued").tag("protocol", "pop3").gauges().stream()
                .mapToDouble(gauge -> gauge.value()).sum();
    }

    private double writeTimeouts() {
        return Search.in(registry).name("mail.kernel.limits.exceeded").tags("protocol", "pop3", "limit", "write_timeout")
                .counters().stream().mapToDouble(counter -> counter.count()).sum();
    }
}
