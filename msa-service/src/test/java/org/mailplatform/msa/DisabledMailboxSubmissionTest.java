package org.mailplatform.msa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.msa.submission.RecipientRateLimiter;
import org.mailplatform.msa.submission.SenderOwnership;
import org.mailplatform.msa.submission.SubmissionPolicy;
import org.mailplatform.msa.submission.SubmissionRateLimiter;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.tracing.MailTracing;
import org.mailplatform.smtp.MailPath;
import org.mailplatform.smtp.RcptParameters;
import org.mailplatform.smtp.SmtpReply;
import org.mailplatform.smtp.SmtpServiceMetrics;
import org.mailplatform.smtp.SmtpSessionInfo;
import org.mailplatform.smtp.SmtpTransaction;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.AliasRepository;
import org.mailplatform.store.account.DisabledAccounts;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.store.account.RecipientResolver;
import org.mailplatform.store.rate.RollingCounters;
import org.mailplatform.store.trace.MessageEventLog;
import org.mailplatform.testsupport.MailPlatformTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Submission to a disabled local mailbox under both settings of
 * mailplatform.delivery.disabled-accounts, with the real store behind the policy. The context is
 * SubmissionTest's (same properties), so Spring starts none for this class.
 */
@SpringBootTest(properties = {
        "mailplatform.hostname=mail.example.test",
        "mailplatform.msa.listeners.submission.port=0",
        "mailplatform.msa.listeners.submission.tls=STARTTLS",
        "mailplatform.msa.listeners.submissions.port=0",
        "mailplatform.msa.listeners.submissions.tls=IMPLICIT",
        "mailplatform.msa.max-recipients=3",
        "mailplatform.msa.max-message-size=200KB",
        "mailplatform.msa.rate-limit.recipients-per-account-per-hour=40",
        "mailplatform.auth.throttle.failure-delay=10ms",
        "mailplatform.auth.throttle.max-failure-delay=100ms",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
class DisabledMailboxSubmissionTest {

    private static final String DISABLED = "dormant@example.test";
    private static final SmtpSessionInfo ALICE = new SmtpSessionInfo("s1", new InetSocketAddress("127.0.0.1", 40000),
            // An account name of its own, so the recipients counted here come out of no other test's hourly budget.
            "client.example.test", true, null, "disabled-mailbox-test@example.test", "submission", null);

    @Autowired
    DomainRepository domains;
    @Autowired
    AccountRepository accounts;
    @Autowired
    AliasRepository aliases;
    @Autowired
    AccountManager manager;
    @Autowired
    RecipientResolver resolver;
    @Autowired
    RollingCounters rollingCounters;
    @Autowired
    MailRecordPublisher publisher;

    @BeforeEach
    void disabledAccount() {
        SubmissionTestAccounts.ensure(domains, accounts, aliases, manager);
        synchronized (DisabledMailboxSubmissionTest.class) {
            if (accounts.findByAddress(DISABLED).isEmpty()) {
                manager.createAccount(DISABLED, "a dormant long password", 0);
                manager.setDisabled(DISABLED, true);
            }
        }
    }

    @Test
    void acceptLetsTheRecipientThrough() {
        assertThat(policy(DisabledAccounts.ACCEPT).checkRecipient(ALICE, emptyTransaction(), path(DISABLED), noParameters()))
                .isNull();
    }

    @Test
    void refuseAnswers550With5_2_1AndStillTakesOtherRecipients() {
        SubmissionPolicy policy = policy(DisabledAccounts.REFUSE);

        SmtpReply refused = policy.checkRecipient(ALICE, emptyTransaction(), path(DISABLED), noParameters());

        assertThat(refused).isNotNull();
        assertThat(refused.code()).isEqualTo(550);
        assertThat(refused.toString()).contains("5.2.1").contains("disabled");
        assertThat(policy.checkRecipient(ALICE, emptyTransaction(), path(SubmissionTestAccounts.MALLORY), noParameters()))
                .isNull();
        assertThat(policy.checkRecipient(ALICE, emptyTransaction(), path("someone@elsewhere.test"), noParameters()))
                .as("remote recipients are not the store's business").isNull();
    }

    private SubmissionPolicy policy(DisabledAccounts disabledAccounts) {
        return new SubmissionPolicy("mail.example.test", new SenderOwnership(accounts, resolver),
                new SubmissionRateLimiter(1000, 1000, Clock.systemUTC()),
                new RecipientRateLimiter(1000, rollingCounters, Clock.systemUTC()), publisher,
                new SmtpServiceMetrics(new SimpleMeterRegistry(), "mail.msa"), Clock.systemUTC(), resolver,
                disabledAccounts, MailTracing.OFF, MessageEventLog.NONE);
    }

    private static MailPath path(String address) {
        int at = address.indexOf('@');
        return new MailPath(address.substring(0, at), address.substring(at + 1), false);
    }

    private static SmtpTransaction emptyTransaction() {
        return new SmtpTransaction(path(SubmissionTestAccounts.ALICE), null, List.of());
    }

    private static RcptParameters noParameters() {
        return new RcptParameters(Set.of(), null);
    }
}
