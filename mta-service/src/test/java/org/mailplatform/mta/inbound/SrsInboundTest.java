package org.mailplatform.mta.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.msgauth.srs.SenderRewriting;
import org.mailplatform.msgauth.srs.autoconfigure.SrsMetrics;
import org.mailplatform.msgauth.srs.autoconfigure.SrsProperties;
import org.mailplatform.mta.srs.SrsAddresses;
import org.mailplatform.protocolservice.MailProtocolServer;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.codec.MailRecordDeserializer;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.records.tracing.MailTracing;
import org.mailplatform.smtp.MailPath;
import org.mailplatform.smtp.RcptParameters;
import org.mailplatform.smtp.SmtpReply;
import org.mailplatform.smtp.SmtpServiceMetrics;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.DisabledAccounts;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.store.account.RecipientResolver;
import org.mailplatform.store.trace.MessageEventLog;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.testsupport.MailPlatformTest;
import org.mailplatform.testsupport.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Port 25 recipients that are SRS addresses of ours (bounces to forwarded mail), and disabled
 * mailboxes under both settings. The context is InboundTest's (same properties).
 */
@SpringBootTest(properties = {
        "mailplatform.hostname=mx.example.test",
        "mailplatform.mta.inbound.listeners.smtp.port=0",
        "mailplatform.mta.inbound.listeners.smtp.tls=STARTTLS",
        "mailplatform.mta.inbound.postmaster=postmaster@example.test",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
class SrsInboundTest {

    private static final String DOMAIN = "srs.example.test";
    private static final String DAN = "dan@" + DOMAIN;
    private static final String DORMANT = "dormant@" + DOMAIN;

    @Autowired
    @Qualifier("inboundServer")
    MailProtocolServer server;
    @Autowired
    DomainRepository domains;
    @Autowired
    AccountRepository accounts;
    @Autowired
    AccountManager manager;
    @Autowired
    SenderRewriting srs;
    @Autowired
    SrsProperties srsProperties;
    @Autowired
    MeterRegistry meters;
    @Autowired
    RecipientResolver resolver;
    @Autowired
    MailRecordPublisher publisher;
    @Autowired
    InboundProperties inboundProperties;
    @Autowired
    InboundAuthentication authentication;
    @Autowired
    ClientBlocklists blocklists;
    @Autowired
    InboundMilters milters;
    @Autowired
    MilterMetrics milterMetrics;
    @Autowired
    SrsAddresses srsAddresses;

    static TopicReader<MailRecord> delivery;
    static TopicReader<MailRecord> outbound;

    @BeforeAll
    static void readers() {
        delivery = new TopicReader<>(MailTopics.DELIVERY, new MailRecordDeserializer());
        outbound = new TopicReader<>(MailTopics.OUTBOUND, new MailRecordDeserializer());
    }

    @AfterAll
    static void close() {
        delivery.close();
        outbound.close();
    }

    @BeforeEach
    void accounts() {
        synchronized (SrsInboundTest.class) {
            if (domains.find(DOMAIN).isEmpty()) {
                domains.create(DOMAIN);
                manager.createAccount(DAN, "dans long password", 0);
                manager.createAccount(DORMANT, "a dormant long password", 0);
                manager.setDisabled(DORMANT, true);
            }
        }
    }

    @Test
    void aBounceToAnSrsAddressOfALocalSenderIsDeliveredToThatMailbox() throws Exception {
        String srsAddress = srs.forward(DAN, DOMAIN).orElseThrow();
        String subject = "bounce " + UUID.randomUUID();
        double reversed = meters.counter(SrsMetrics.REVERSED).count();

        bounce(srsAddress, subject);

        MailRecord record = delivery.await(r -> text(r).contains(subject));
        assertThat(record.envelope().mailFrom()).isEmpty();
        assertThat(record.envelope().recipients()).extracting(r -> r.address()).containsExactly(DAN);
        assertThat(meters.counter(SrsMetrics.REVERSED).count()).isEqualTo(reversed + 1);
    }

    @Test
    void aBounceToAnSrsAddressOfARemoteSenderIsRelayedThroughTheOutboundQueue() throws Exception {
        // Lower-cased on the way, as some MTAs do: the hash is compared without regard to case.
        String srsAddress = srs.forward("Carol@Remote.Test", DOMAIN).orElseThrow().toLowerCase(java.util.Locale.ROOT);
        String subject = "bounce " + UUID.randomUUID();

        bounce(srsAddress, subject);

        MailRecord record = outbound.await(r -> text(r).contains(subject));
        assertThat(record.envelope().mailFrom()).isEmpty();
        assertThat(record.envelope().recipients()).extracting(r -> r.address()).containsExactly("carol@remote.test");
        assertThat(record.envelope().authenticatedUser()).as("relayed, not submitted: never DKIM-signed as ours").isNull();
    }

    @Test
    void forgedExpiredAndMalformedSrsAddressesAreRefusedWithTheReason() throws Exception {
        String forged = "SRS0=AAAA=" + srs.forward("carol@remote.test", DOMAIN).orElseThrow().split("=", 3)[2];
        Instant fiveWeeksAgo = Instant.now().minus(Duration.ofDays(35));
        String expired = new SenderRewriting(srsProperties.secrets(), srsProperties.maxAge(),
                Clock.fixed(fiveWeeksAgo, ZoneOffset.UTC)).forward("carol@remote.test", DOMAIN).orElseThrow();
        double badHash = refused("bad_hash");
        double tooOld = refused("expired");

        try (InboundTest.Raw c = new InboundTest.Raw(server.boundPort("smtp"))) {
            c.expect("220");
            c.send("EHLO bouncer.remote.test\r\n", "250");
            c.send("MAIL FROM:<>\r\n", "250");
            assertThat(c.command("RCPT TO:<" + forged + ">\r\n")).startsWith("550 5.1.1").contains("hash");
            assertThat(c.command("RCPT TO:<" + expired + ">\r\n")).startsWith("550 5.1.1").contains("expired");
            assertThat(c.command("RCPT TO:<SRS0=xyz@" + DOMAIN + ">\r\n")).startsWith("550 5.1.1")
                    .contains("not a well-formed SRS address");
            // An SRS-looking address in a domain that is not ours stays a relay attempt.
            assertThat(c.command("RCPT TO:<" + srs.forward("carol@remote.test", "elsewhere.test").orElseThrow()
                    + ">\r\n")).startsWith("554 5.7.1");
        }
        assertThat(refused("bad_hash")).isEqualTo(badHash + 1);
        assertThat(refused("expired")).isEqualTo(tooOld + 1);
    }

    @Test
    void aDisabledMailboxTakesMailByDefault() throws Exception {
        try (InboundTest.Raw c = new InboundTest.Raw(server.boundPort("smtp"))) {
            c.expect("220");
            c.send("EHLO sender.remote.test\r\n", "250");
            c.send("MAIL FROM:<carol@remote.test>\r\n", "250");
            assertThat(c.command("RCPT TO:<" + DORMANT + ">\r\n")).startsWith("250");
        }
    }

    @Test
    void refuseAnswersADisabledMailboxWith550And5_2_1() {
        TransferPolicy refusing = new TransferPolicy("mx.example.test", resolver, publisher, inboundProperties,
                new SmtpServiceMetrics(meters, "mail.mta.inbound"), authentication, Clock.systemUTC(), blocklists,
                milters, milterMetrics, srsAddresses, DisabledAccounts.REFUSE, MailTracing.OFF, MessageEventLog.NONE);
        RcptParameters none = new RcptParameters(Set.of(), null);

        SmtpReply reply = refusing.checkRecipient(null, null, new MailPath("dormant", DOMAIN, false), none);

        assertThat(reply).isNotNull();
        assertThat(reply.code()).isEqualTo(550);
        assertThat(reply.enhanced()).isEqualTo("5.2.1");
        assertThat(refusing.checkRecipient(null, null, new MailPath("dan", DOMAIN, false), none)).isNull();
        // A bounce to a forward of the disabled mailbox's mail is refused the same way.
        String srsOfDormant = srs.forward(DORMANT, DOMAIN).orElseThrow();
        SmtpReply bounced = refusing.checkRecipient(null, null,
                new MailPath(srsOfDormant.substring(0, srsOfDormant.indexOf('@')), DOMAIN, false), none);
        assertThat(bounced.enhanced()).isEqualTo("5.2.1");
    }

    private void bounce(String to, String subject) throws Exception {
        try (InboundTest.Raw c = new InboundTest.Raw(server.boundPort("smtp"))) {
            c.expect("220");
            c.send("EHLO bouncer.remote.test\r\n", "250");
            c.send("MAIL FROM:<>\r\n", "250");
            c.send("RCPT TO:<" + to + ">\r\n", "250");
            c.send("DATA\r\n", "354");
            c.send("From: MAILER-DAEMON@bouncer.remote.test\r\nTo: <" + to + ">\r\nSubject: " + subject
                    + "\r\n\r\nThe forwarded message could not be delivered.\r\n.\r\n", "250");
        }
    }

    private double refused(String reason) {
        return meters.counter(SrsMetrics.REFUSED, "reason", reason).count();
    }

    private static String text(MailRecord r) {
        return new String(r.message(), StandardCharsets.UTF_8);
    }
}
