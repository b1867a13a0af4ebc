package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.protocolservice.MailProtocolServer;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.testsupport.MailPlatformTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The kernel's input limits as an IMAP client meets them: short deadlines configured, production line limits. */
@SpringBootTest(properties = {
        "mailplatform.hostname=mail.example.test",
        "mailplatform.local-dev=true",
        "mailplatform.imap.listeners.imap.port=0",
        "mailplatform.imap.listeners.imap.tls=STARTTLS",
        "mailplatform.imap.listeners.imaps.port=-1",
        "mailplatform.imap.listeners.sieve.port=-1",
        "mailplatform.imap.replica-id=imap-client-limits-test",
        "mailplatform.auth.argon2.memory-kib=1024",
        "mailplatform.auth.argon2.iterations=1",
        "mailplatform.kernel.login-timeout=2s",
        "mailplatform.kernel.min-payload-rate=1000",
        "mailplatform.kernel.payload-rate-window=500ms",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
class ImapClientLimitsTest {

    private static final String DOMAIN = "limits.test";
    private static final String PASSWORD = "limits password";

    @Autowired
    MailProtocolServer server;
    @Autowired
    DomainRepository domains;
    @Autowired
    AccountManager accountManager;

    private final ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void domain() {
        synchronized (ImapTestBase.class) {
            if (domains.find(DOMAIN).isEmpty()) {
                domains.create(DOMAIN);
            }
        }
    }

    @AfterEach
    void stopDribbling() {
        dribbler.shutdownNow();
    }

    @Test
    void anEndlessLineGetsBadThenByeAndTheConnectionCloses() throws Exception {
        try (RawImap imap = RawImap.plain(server.boundPort("imap"))) {
            imap.readLine();
            CompletableFuture.runAsync(() -> flood(imap, 10 * 1024 * 1024));

            assertThat(imap.readLine()).isEqualTo("* BAD Line too long");
            assertThat(imap.readLine()).isEqualTo("* BYE Line too long");
            assertThat(imap.closedByServer()).isTrue();
        }
    }

    @Test
    void commandsNowAndThenDoNotKeepAConnectionPastTheLoginDeadline() throws Exception {
        try (RawImap imap = RawImap.plain(server.boundPort("imap"))) {
            imap.readLine();
            dribble(imap, "a NOOP\r\n", 200);

            String line;
            do {
                line = imap.readLine();
            } while (line != null && !line.startsWith("* BYE"));
            assertThat(line).isEqualTo("* BYE Autologout; not logged in in time");
        }
    }

    @Test
    void afterLoginTheLoginDeadlineNoLongerApplies() throws Exception {
        String user = login();
        try (RawImap imap = RawImap.plain(server.boundPort("imap"))) {
            imap.readLine();
            assertThat(RawImap.last(imap.command("LOGIN " + user + " " + RawImap.quote(PASSWORD)))).contains("OK");
            await().pollDelay(Duration.ofMillis(2500)).until(() -> true);

            assertThat(RawImap.last(imap.command("NOOP"))).contains("OK");
        }
    }

    @Test
    void aLiteralSlowerThanTheMinimumRateIsCutOff() throws Exception {
        String user = login();
        try (RawImap imap = RawImap.plain(server.boundPort("imap"))) {
            imap.readLine();
            imap.command("LOGIN " + user + " " + RawImap.quote(PASSWORD));
            imap.write("a APPEND INBOX {100000}\r\n");
            assertThat(imap.readLine()).startsWith("+");
            dribble(imap, "Subject: slow\r\n", 100);

            assertThat(imap.readLine()).isEqualTo("* BYE Autologout; input too slow");
            assertThat(imap.closedByServer()).isTrue();
        }
    }

    private String login() {
        String user = "u" + System.nanoTime() + "@" + DOMAIN;
        accountManager.createAccount(user, PASSWORD, 0);
        return user;
    }

    private void dribble(RawImap imap, String piece, long everyMillis) {
        dribbler.scheduleAtFixedRate(() -> {
            try {
                imap.write(piece);
            } catch (IOException closed) {
                throw new IllegalStateException(closed);
            }
        }, 0, everyMillis, TimeUnit.MILLISECONDS);
    }

    private static void flood(RawImap imap, int bytes) {
        byte[] block = "z".repeat(64 * 1024).getBytes();
        try {
            for (int sent = 0; sent < bytes; sent += block.length) {
                imap.write(block);
            }
        } catch (IOException closedByServer) {
            // expected
        }
    }
}
