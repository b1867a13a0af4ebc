package org.mailplatform.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.core.instrument.MeterRegistry;

/** Sessions, logins by result, retrieved messages and bytes, deletions. */
class Pop3MetricsTest extends Pop3IntegrationTest {

    @Autowired
    MeterRegistry registry;

    private double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aSessionIsCounted() throws Exception {
        Account account = newAccount();
        String msg = message("m", "body\r\n");
        deliver(account, msg);
        double sessions = count("mail.pop3.sessions");
        double success = count("mail.pop3.logins", "mechanism", "USER", "result", "success");
        double inUse = count("mail.pop3.logins", "mechanism", "USER", "result", "in_use");
        double bytes = count("mail.pop3.retrieved.bytes", "command", "RETR");
        double retrieved = count("mail.pop3.retrieved.messages", "command", "RETR");
        double deleted = count("mail.pop3.deleted.messages");

        try (RawPop3 client = RawPop3.login(stlsPort(), account.address().toString(), PASSWORD)) {
            assertThat(registry.get("mail.pop3.maildrops.locked").gauge().value()).isGreaterThanOrEqualTo(1);
            try (RawPop3 second = RawPop3.connect(stlsPort(), false)) {
                second.stls();
                second.command("USER " + account.address());
                assertThat(second.command("PASS " + PASSWORD)).startsWith("-ERR [IN-USE]");
            }
            client.command("RETR 1");
            client.rawBody();
            client.command("DELE 1");
            assertThat(client.command("QUIT")).startsWith("+OK");
        }

        assertThat(count("mail.pop3.sessions")).isEqualTo(sessions + 2);
        assertThat(count("mail.pop3.logins", "mechanism", "USER", "result", "success")).isEqualTo(success + 1);
        assertThat(count("mail.pop3.logins", "mechanism", "USER", "result", "in_use")).isEqualTo(inUse + 1);
        assertThat(count("mail.pop3.retrieved.messages", "command", "RETR")).isEqualTo(retrieved + 1);
        assertThat(count("mail.pop3.retrieved.bytes", "command", "RETR")).isEqualTo(bytes + stored(account, msg).length);
        await().atMost(Duration.ofSeconds(5)).until(() -> count("mail.pop3.deleted.messages") == deleted + 1);
    }
}
