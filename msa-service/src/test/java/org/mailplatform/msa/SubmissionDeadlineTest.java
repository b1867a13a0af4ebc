package org.mailplatform.msa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mailplatform.msa.SubmissionTestAccounts.ALICE;
import static org.mailplatform.msa.SubmissionTestAccounts.ALICE_PASSWORD;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.msa.MsaTestSupport.RawSmtp;
import org.mailplatform.protocolservice.MailProtocolServer;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.AliasRepository;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.testsupport.MailPlatformTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The kernel's login deadline on the submission port: it runs until AUTH succeeds, and not after. */
@SpringBootTest(properties = {
        "mailplatform.hostname=mail.example.test",
        "mailplatform.msa.listeners.submission.port=0",
        "mailplatform.msa.listeners.submission.tls=STARTTLS",
        "mailplatform.msa.listeners.submissions.port=-1",
        "mailplatform.msa.listeners.submission-alt.port=-1",
        "mailplatform.kernel.login-timeout=2s",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
class SubmissionDeadlineTest {

    @Autowired
    MailProtocolServer server;
    @Autowired
    DomainRepository domains;
    @Autowired
    AccountRepository accounts;
    @Autowired
    AliasRepository aliases;
    @Autowired
    AccountManager manager;

    @BeforeEach
    void accounts() {
        SubmissionTestAccounts.ensure(domains, accounts, aliases, manager);
    }

    @Test
    void aClientThatNeverAuthenticatesIsToldAndClosedAtTheDeadline() throws Exception {
        try (RawSmtp smtp = new RawSmtp(server.boundPort("submission"))) {
            smtp.reply();
            String reply;
            do {
                await().pollDelay(Duration.ofMillis(200)).until(() -> true);
                reply = smtp.send("NOOP\r\n");
            } while (reply.startsWith("250"));

            assertThat(reply).isEqualTo("421 4.4.2 mail.example.test Error: timeout exceeded");
            assertThat(smtp.closedByServer()).isTrue();
        }
    }

    @Test
    void afterAuthTheDeadlineNoLongerApplies() throws Exception {
        try (RawSmtp smtp = new RawSmtp(server.boundPort("submission"))) {
            assertThat(smtp.login(ALICE, ALICE_PASSWORD)).startsWith("235");
            await().pollDelay(Duration.ofMillis(2500)).until(() -> true);

            assertThat(smtp.send("NOOP\r\n")).startsWith("250");
        }
    }
}
