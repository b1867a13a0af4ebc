package org.mailplatform.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;
import org.mailplatform.testsupport.MailPlatformTest;
import org.springframework.boot.test.context.SpringBootTest;

/** The kernel's input limits as a POP3 client meets them: short deadlines configured, production line limits. */
@SpringBootTest(properties = {
        "mailplatform.hostname=pop.example.test",
        "mailplatform.pop3.listeners.pop3.port=0",
        "mailplatform.pop3.listeners.pop3.tls=STARTTLS",
        "mailplatform.pop3.listeners.pop3s.port=0",
        "mailplatform.pop3.listeners.pop3s.tls=IMPLICIT",
        "mailplatform.auth.throttle.account-max-failures=1000",
        "mailplatform.auth.throttle.address-max-failures=1000",
        "mailplatform.kernel.login-timeout=2s",
        "mailplatform.kernel.line-timeout=1s",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
class Pop3ClientLimitsTest extends Pop3IntegrationTest {

    private final ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopDribbling() {
        dribbler.shutdownNow();
    }

    @Test
    void anEndlessLineIsRefusedAndTheConnectionClosed() throws Exception {
        try (RawPop3 client = RawPop3.connect(stlsPort(), false)) {
            CompletableFuture.runAsync(() -> flood(client, 10 * 1024 * 1024));

            assertThat(client.line()).isEqualTo("-ERR Line too long");
            assertThat(client.line()).as("closed").isNull();
        }
    }

    @Test
    void commandsNowAndThenDoNotKeepAnUnauthenticatedConnectionPastTheLoginDeadline() throws Exception {
        try (RawPop3 client = RawPop3.connect(stlsPort(), false)) {
            dribble(client, "CAPA\r\n", 200);

            String line;
            do {
                line = client.line();
            } while (line != null && !line.startsWith("-ERR"));
            assertThat(line).isEqualTo("-ERR Autologout; not logged in in time");
            String rest;
            do {
                rest = client.line();
            } while (rest != null);
        }
    }

    @Test
    void aCommandSentByteByByteIsCutOff() throws Exception {
        try (RawPop3 client = RawPop3.connect(stlsPort(), false)) {
            dribble(client, "C", 300);

            assertThat(client.line()).isEqualTo("-ERR Autologout; input too slow");
            assertThat(client.line()).isNull();
        }
    }

    @Test
    void afterLoginTheLoginDeadlineNoLongerApplies() throws Exception {
        Account account = newAccount();
        try (RawPop3 client = RawPop3.login(stlsPort(), account.address().toString(), PASSWORD)) {
            await().pollDelay(Duration.ofMillis(2500)).until(() -> true);

            assertThat(client.command("STAT")).isEqualTo("+OK 0 0");
        }
    }

    private void dribble(RawPop3 client, String piece, long everyMillis) {
        dribbler.scheduleAtFixedRate(() -> {
            try {
                client.write(piece);
            } catch (IOException closed) {
                throw new IllegalStateException(closed);
            }
        }, 0, everyMillis, TimeUnit.MILLISECONDS);
    }

    private static void flood(RawPop3 client, int bytes) {
        String block = "z".repeat(64 * 1024);
        try {
            for (int sent = 0; sent < bytes; sent += block.length()) {
                client.write(block);
            }
        } catch (IOException closedByServer) {
            // expected
        }
    }
}
