package org.mailplatform.mta.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.mta.dsn.DsnParts;
import org.mailplatform.mta.testing.TopicReader;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.QueueIds;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.codec.MailRecordCodec;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.publish.PublishReceipt;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.records.topics.RetryTier;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.testsupport.MailPlatformTest;
import org.mailplatform.testsupport.TestKafka;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The MTA against Postfix, an independent SMTP implementation, both ways over loopback with
 * STARTTLS: our outbound relay delivering into Postfix's mailboxes (and bouncing its 5xx), and
 * Postfix relaying into our port 25. This JVM's outbound consumers are the only ones (the test
 * runs in a fork of its own), so every record on mail.outbound is routed by this context.
 */
@SpringBootTest(properties = {
        "mailplatform.hostname=mta.interop.test",
        "mailplatform.mta.inbound.listeners.smtp.tls=STARTTLS",
        "mailplatform.mta.outbound.enabled=true",
        "mailplatform.mta.relay.timeouts.connect=5s",
        "mailplatform.mta.relay.timeouts.greeting=10s",
        "mailplatform.mta.relay.timeouts.command=10s",
        "mailplatform.mta.relay.timeouts.data-init=10s",
        "mailplatform.mta.relay.timeouts.data-block=10s",
        "mailplatform.mta.relay.timeouts.data-end=10s",
        // Routes by transport table, where DANE does not apply: off, so that no DNS server beyond loopback is asked.
        "mailplatform.mta.outbound.dane.enabled=false",
        "spring.flyway.enabled=true",
        "server.port=0"})
@MailPlatformTest
@ExtendWith(PostfixInteropTest.PostfixLogOnFailure.class)
class PostfixInteropTest {

    /** Postfix's mailboxes. */
    static final String POSTFIX_DOMAIN = "postfix.test";
    /** Ours: the inbound side's domain, and the local senders of outbound mail. */
    static final String OUR_DOMAIN = "example.test";

    static final int INBOUND_PORT = freePort();
    static final PostfixInstance POSTFIX = startPostfix();

    static TopicReader delivery;
    static TopicReader retries;

    @Autowired
    MailRecordPublisher publisher;
    @Autowired
    DomainRepository domains;
    @Autowired
    AccountManager accounts;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("mailplatform.mta.inbound.listeners.smtp.port", () -> INBOUND_PORT);
        registry.add("mailplatform.mta.relay.transports[" + POSTFIX_DOMAIN + "]", () -> "127.0.0.1:" + POSTFIX.port());
    }

    @BeforeAll
    static void postfixIsThere() {
        assumePresent(POSTFIX != null, "Postfix is not installed (Debian: apt-get install postfix) or this JVM is not root");
        delivery = new TopicReader(List.of(MailTopics.DELIVERY));
        retries = new TopicReader(List.of(RetryTier.ONE_MINUTE.topic()));
    }

    @AfterAll
    static void stopPostfix() {
        if (delivery != null) {
            delivery.close();
            retries.close();
        }
        if (POSTFIX != null) {
            POSTFIX.close();
        }
    }

    @BeforeEach
    void ourDomain() {
        synchronized (PostfixInteropTest.class) {
            if (!domains.isLocal(OUR_DOMAIN)) {
                domains.create(OUR_DOMAIN);
                accounts.createAccount("bob@" + OUR_DOMAIN, "bobs long password", 0);
            }
        }
    }

    @Test
    void outboundMailLandsInPostfixsMailboxOverStartTls() throws Exception {
        String subject = "to postfix " + UUID.randomUUID();
        String body = "Line one.\r\n.A line that starts with a dot.\r\n..Two dots.\r\n\r\nFrom here on, mbox would quote.\r\n";
        String message = "From: alice@" + OUR_DOMAIN + "\r\nTo: bob@" + POSTFIX_DOMAIN + "\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + UUID.randomUUID() + "@" + OUR_DOMAIN + ">\r\n\r\n" + body;
        MailEnvelope envelope = envelope("alice@" + OUR_DOMAIN, "bob@" + POSTFIX_DOMAIN);
        PublishReceipt receipt = submit(envelope, message);

        await().atMost(Duration.ofSeconds(20)).until(() -> stored(subject) != null);
        String stored = stored(subject);
        // Maildir keeps the message in UNIX form: the same bytes with LF line ends.
        assertThat(stored.substring(stored.indexOf("\n\n") + 2)).isEqualTo(body.replace("\r\n", "\n"));
        assertThat(stored).contains("Subject: " + subject + "\n");
        String received = stored.substring(stored.indexOf("Received: "), stored.indexOf("\n", stored.indexOf("\tby ")));
        assertThat(received).startsWith("Received: from mta.interop.test (localhost [127.0.0.1])")
                .contains("(using TLSv1.")
                .contains("by " + PostfixInstance.HOSTNAME + " (Postfix) with ESMTPS id ");

        // Done with the record: nothing went back to the sender, nothing waits for a retry.
        awaitConsumed("mta-outbound", receipt);
        assertThat(delivery.drain(r -> mail(r).queueId().startsWith(envelope.queueId()))).isEmpty();
        assertThat(retries.drain(r -> mail(r).queueId().startsWith(envelope.queueId()))).isEmpty();
        assertThat(POSTFIX.log()).contains("to=<bob@" + POSTFIX_DOMAIN + ">, relay=virtual")
                .contains("status=sent (delivered to maildir)");
    }

    @Test
    void postfixRefusingAnUnknownUserGivesExactlyOneDsnWithItsReply() throws Exception {
        String sender = "alice-" + UUID.randomUUID().toString().substring(0, 8) + "@" + OUR_DOMAIN;
        String unknown = "nobody@" + POSTFIX_DOMAIN;
        MailEnvelope envelope = envelope(sender, unknown);
        PublishReceipt receipt = submit(envelope, "Subject: doomed\r\n\r\nNobody reads this.\r\n");

        ConsumerRecord<byte[], byte[]> dsnRecord = delivery.await(r -> isDsnTo(r, sender), Duration.ofSeconds(20));
        DsnParts dsn = DsnParts.parse(mail(dsnRecord).message());
        assertThat(dsn.perRecipient()).hasSize(1);
        assertThat(dsn.field(0, "Final-Recipient")).isEqualTo("rfc822; " + unknown);
        assertThat(dsn.field(0, "Action")).isEqualTo("failed");
        assertThat(dsn.field(0, "Status")).isEqualTo("5.1.1");
        // Postfix's own words, as its smtpd sent them (the field may be folded).
        assertThat(dsn.field(0, "Diagnostic-Code").replaceAll("\r?\n\\s+", " ")).isEqualTo("smtp; 550 5.1.1 <"
                + unknown + ">: Recipient address rejected: User unknown in virtual mailbox table");
        assertThat(dsn.field(0, "Remote-MTA")).isEqualTo("dns; 127.0.0.1");

        awaitConsumed("mta-outbound", receipt);
        assertThat(delivery.drain(r -> isDsnTo(r, sender))).hasSize(1);
        assertThat(POSTFIX.log()).contains("reject: RCPT from localhost[127.0.0.1]: 550 5.1.1 <" + unknown + ">");
    }

    @Test
    void postfixRelaysIntoOurInboundOverStartTls() throws Exception {
        String subject = "from postfix " + UUID.randomUUID();
        String body = "Hello from Postfix.\r\n.A line that starts with a dot.\r\n.\r\nThat was a lone dot.\r\n";
        String message = "From: carol@" + POSTFIX_DOMAIN + "\nTo: bob@" + OUR_DOMAIN + "\nSubject: " + subject + "\n\n"
                + body.replace("\r\n", "\n");
        POSTFIX.sendmail("carol@" + POSTFIX_DOMAIN, "bob@" + OUR_DOMAIN, message.getBytes(StandardCharsets.UTF_8));
        POSTFIX.flush();

        MailRecord record = mail(delivery.await(r -> text(mail(r)).contains("Subject: " + subject + "\r\n"),
                Duration.ofSeconds(20)));
        String text = text(record);
        assertThat(text.substring(text.indexOf("\r\n\r\n") + 4)).isEqualTo(body);
        assertThat(record.envelope().mailFrom()).isEqualTo("carol@" + POSTFIX_DOMAIN);
        assertThat(record.envelope().recipients()).extracting(Recipient::address).containsExactly("bob@" + OUR_DOMAIN);
        assertThat(record.envelope().clientHelo()).isEqualTo(PostfixInstance.HOSTNAME);
        assertThat(record.envelope().tls()).isNotNull();
        assertThat(text).startsWith("Received: from " + PostfixInstance.HOSTNAME + " ([127.0.0.1])\r\n\tby mta.interop.test with ESMTPS id "
                + record.envelope().queueId());
        // Postfix's own trace comes below ours, from its pickup of the locally submitted message.
        assertThat(text).contains("by " + PostfixInstance.HOSTNAME + " (Postfix");
        await().atMost(Duration.ofSeconds(10)).until(() -> POSTFIX.log().contains("to=<bob@" + OUR_DOMAIN + ">, relay=127.0.0.1["));
        assertThat(POSTFIX.log()).contains("TLS connection established to 127.0.0.1[127.0.0.1]:" + INBOUND_PORT)
                .doesNotContain("status=deferred");
    }

    private static MailEnvelope envelope(String from, String to) {
        String queueId = QueueIds.next();
        return MailEnvelope.builder().queueId(queueId).traceId(queueId).mailFrom(from)
                .recipients(List.of(Recipient.of(to))).receivedAt(Instant.now()).build();
    }

    private PublishReceipt submit(MailEnvelope envelope, String message) throws Exception {
        return publisher.publish(MailTopics.OUTBOUND, new MailRecord(envelope, message.getBytes(StandardCharsets.UTF_8)));
    }

    private static String stored(String subject) {
        return POSTFIX.maildir("bob").stream().map(m -> new String(m, StandardCharsets.UTF_8))
                .filter(m -> m.contains("Subject: " + subject + "\n")).findFirst().orElse(null);
    }

    private static boolean isDsnTo(ConsumerRecord<byte[], byte[]> r, String sender) {
        MailEnvelope e = mail(r).envelope();
        return e.isNullSender() && e.recipients().getFirst().address().equals(sender);
    }

    private static MailRecord mail(ConsumerRecord<byte[], byte[]> record) {
        return MailRecordCodec.decode(record.value());
    }

    private static String text(MailRecord r) {
        return new String(r.message(), StandardCharsets.UTF_8);
    }

    /** Waits until {@code group} has committed past the record: everything it led to is on Kafka by then. */
    private static void awaitConsumed(String group, PublishReceipt receipt) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.get().bootstrapServers()))) {
            TopicPartition partition = new TopicPartition(receipt.topic(), receipt.partition());
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() > receipt.offset();
            });
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PostfixInstance startPostfix() {
        if (!PostfixInstance.available()) {
            return null;
        }
        try {
            return PostfixInstance.start(freePort(), POSTFIX_DOMAIN, List.of("bob"), OUR_DOMAIN, INBOUND_PORT);
        } catch (IOException e) {
            throw new IllegalStateException("Postfix is installed but did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A failed test shows what Postfix logged: its side of the conversation is not in our logs. */
    static final class PostfixLogOnFailure implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (POSTFIX != null) {
                System.err.println("Postfix log at the failure of " + context.getDisplayName() + ":\n" + POSTFIX.log());
            }
        }
    }
}
