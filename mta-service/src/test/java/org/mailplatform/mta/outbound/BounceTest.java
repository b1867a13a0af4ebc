package org.mailplatform.mta.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailplatform.mta.dsn.DsnParts;
import org.mailplatform.mta.testing.TopicReader;
import org.mailplatform.records.DeliveryReport;
import org.mailplatform.records.DsnNotify;
import org.mailplatform.records.DsnReturn;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.OriginalRecipient;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.RecipientReport;
import org.mailplatform.records.RecipientState;
import org.mailplatform.records.publish.DeliveryReportPublisher;
import org.mailplatform.records.publish.PublishReceipt;
import org.mailplatform.records.topics.MailTopics;
import org.springframework.beans.factory.annotation.Autowired;

/** DSNs (RFC 3464) for permanent failures, expiry, delay and MDA reports; never for the null sender. */
class BounceTest extends OutboundServiceTestBase {

    static TopicReader delivery;
    static TopicReader outbound;

    @Autowired
    DeliveryReportPublisher reports;

    @BeforeAll
    static void readers() {
        delivery = new TopicReader(List.of(MailTopics.DELIVERY));
        outbound = new TopicReader(List.of(MailTopics.OUTBOUND));
    }

    @AfterAll
    static void closeReaders() {
        delivery.close();
        outbound.close();
    }

    private static boolean isDsnTo(ConsumerRecord<byte[], byte[]> r, String sender) {
        MailEnvelope e = mail(r).envelope();
        return e.isNullSender() && e.recipients().getFirst().address().equals(sender);
    }

    @Test
    void aRejectedRecipientGetsExactlyOneDsnEvenWhenTheRecordIsReplayed() throws Exception {
        String sender = unique("alice", LOCAL_DOMAIN);
        String rejected = unique("reject", "peer.test");
        MailEnvelope envelope = envelope(sender, Recipient.of(rejected, Set.of(), OriginalRecipient.rfc822(rejected)))
                .envelopeId("ENV-550")
                .dsnReturn(DsnReturn.FULL)
                .build();
        String message = "Subject: doomed\r\nMessage-ID: <doomed@local.test>\r\n\r\nNobody reads this.\r\n";
        PublishReceipt first = submit(envelope, message);
        PublishReceipt replay = submit(envelope, message);

        ConsumerRecord<byte[], byte[]> dsnRecord = delivery.await(r -> isDsnTo(r, sender), Duration.ofSeconds(30));
        MailRecord dsn = mail(dsnRecord);
        assertThat(dsn.envelope().mailFrom()).isEmpty();
        assertThat(dsn.queueId()).isEqualTo(envelope.queueId() + "-dsn1");

        DsnParts parts = DsnParts.parse(dsn.message());
        assertThat(parts.message().getContentType()).contains("multipart/report").contains("report-type=delivery-status");
        assertThat(parts.message().getFrom()[0].toString()).isEqualTo("Mail Delivery System <MAILER-DAEMON@mta.local.test>");
        assertThat(parts.perMessage().getHeader("Reporting-MTA", null)).isEqualTo("dns; mta.local.test");
        assertThat(parts.perMessage().getHeader("Original-Envelope-Id", null)).isEqualTo("ENV-550");
        assertThat(parts.perMessage().getHeader("Arrival-Date", null)).isNotBlank();
        assertThat(parts.perRecipient()).hasSize(1);
        assertThat(parts.field(0, "Final-Recipient")).isEqualTo("rfc822; " + rejected);
        assertThat(parts.field(0, "Original-Recipient")).isEqualTo("rfc822; " + rejected);
        assertThat(parts.field(0, "Action")).isEqualTo("failed");
        assertThat(parts.field(0, "Status")).isEqualTo("5.1.1");
        assertThat(parts.field(0, "Diagnostic-Code")).isEqualTo("smtp; 550 5.1.1 No such user here");
        assertThat(parts.field(0, "Remote-MTA")).isEqualTo("dns; 127.0.0.1");
        assertThat(parts.field(0, "Last-Attempt-Date")).isNotBlank();
        // RET=FULL: the whole message comes back.
        assertThat(parts.report().getBodyPart(2).getContentType()).isEqualTo("message/rfc822");
        assertThat(new String(parts.returned(), StandardCharsets.UTF_8)).isEqualTo(message);

        // The replay made the same DSN record (same queue id), which the MDA's ledger keeps once.
        awaitConsumed("mta-outbound", first);
        awaitConsumed("mta-outbound", replay);
        assertThat(delivery.drain(r -> isDsnTo(r, sender))).extracting(r -> mail(r).queueId()).containsOnly(dsn.queueId());
    }

    @Test
    void theNullSenderIsNeverBounced() throws Exception {
        String rejected = unique("reject", "peer.test");
        MailEnvelope envelope = envelope(MailEnvelope.NULL_SENDER, Recipient.of(rejected)).build();
        PublishReceipt receipt = submit(envelope, "Subject: a bounce itself\r\n\r\n...\r\n");

        await().atMost(Duration.ofSeconds(30)).until(() -> PEER.rcptAttempts(rejected) == 1);
        awaitConsumed("mta-outbound", receipt);
        assertThat(delivery.drain(r -> mail(r).queueId().startsWith(envelope.queueId()))).isEmpty();
        assertThat(outbound.drain(r -> mail(r).queueId().startsWith(envelope.queueId() + "-"))).isEmpty();
    }

    @Test
    void aRemoteSenderGetsItsDsnOverSmtpFromTheNullSender() throws Exception {
        String sender = unique("carol", "peer.test");
        String rejected = unique("reject", "peer.test");
        submit(envelope(sender, Recipient.of(rejected)).build(), "Subject: remote bounce\r\n\r\nx\r\n");

        await().atMost(Duration.ofSeconds(30)).until(() -> PEER.receivedFor(sender).size() == 1);
        var received = PEER.receivedFor(sender).getFirst();
        assertThat(received.from()).isEmpty();
        DsnParts parts = DsnParts.parse(received.message());
        assertThat(parts.field(0, "Final-Recipient")).isEqualTo("rfc822; " + rejected);
        assertThat(parts.field(0, "Status")).isEqualTo("5.1.1");
        // RET absent: the headers only.
        assertThat(parts.report().getBodyPart(2).getContentType()).isEqualTo("text/rfc822-headers");
    }

    @Test
    void aMessagePastItsLifetimeIsReturnedWith447() throws Exception {
        String sender = unique("alice", LOCAL_DOMAIN);
        String deferred = unique("defer", "peer.test");
        MailEnvelope envelope = envelope(sender, Recipient.of(deferred))
                .receivedAt(Instant.now().minus(Duration.ofHours(2)))
                .build();
        submit(envelope, "Subject: too late\r\n\r\nx\r\n");

        DsnParts parts = DsnParts.parse(mail(delivery.await(r -> isDsnTo(r, sender), Duration.ofSeconds(30))).message());
        assertThat(parts.field(0, "Action")).isEqualTo("failed");
        assertThat(parts.field(0, "Status")).isEqualTo("4.4.7");
        assertThat(parts.field(0, "Diagnostic-Code").replaceAll("\r\n\\s+", " "))
                .contains("delivery time expired").contains("451 4.3.0 Temporarily unable to accept mail");
    }

    @Test
    void aDelayWarningGoesOutOnceWhenAskedFor() throws Exception {
        String sender = unique("alice", LOCAL_DOMAIN);
        String deferred = unique("defer", "peer.test");
        MailEnvelope envelope = envelope(sender, Recipient.of(deferred, Set.of(DsnNotify.DELAY, DsnNotify.FAILURE), null))
                .receivedAt(Instant.now().minus(Duration.ofMinutes(40)))
                .build();
        submit(envelope, "Subject: slow\r\n\r\nx\r\n");

        DsnParts parts = DsnParts.parse(mail(delivery.await(r -> isDsnTo(r, sender), Duration.ofSeconds(30))).message());
        assertThat(parts.message().getSubject()).isEqualTo("Delayed Mail (still being retried)");
        assertThat(parts.field(0, "Action")).isEqualTo("delayed");
        assertThat(parts.field(0, "Status")).isEqualTo("4.3.0");
        assertThat(parts.field(0, "Will-Retry-Until")).isNotBlank();

        await().atMost(Duration.ofSeconds(30)).until(() -> PEER.rcptAttempts(deferred) >= 4);
        assertThat(delivery.drain(r -> isDsnTo(r, sender))).hasSize(1);
        PEER.acceptFromNowOn(deferred);
        await().atMost(Duration.ofSeconds(30)).until(() -> PEER.receivedFor(deferred).size() == 1);
    }

    @Test
    void deliveryReportsBecomeDsnsAndLocalRetries() throws Exception {
        String sender = unique("alice", LOCAL_DOMAIN);
        String unknown = unique("nobody", LOCAL_DOMAIN);
        String full = unique("full", LOCAL_DOMAIN);
        String fine = unique("fine", LOCAL_DOMAIN);
        MailEnvelope original = envelope(sender, Recipient.of(unknown), Recipient.of(full),
                Recipient.of(fine, Set.of(DsnNotify.SUCCESS), null)).build();
        byte[] message = "Subject: for the mailboxes\r\n\r\nHello.\r\n".getBytes(StandardCharsets.UTF_8);
        reports.publish(DeliveryReport.of(original, "mda.local.test", List.of(
                RecipientReport.of(original.recipients().get(0), "5.1.1", "550 5.1.1 No such mailbox here"),
                RecipientReport.of(original.recipients().get(1), "4.2.2", "452 4.2.2 Mailbox full, try again later"),
                RecipientReport.of(original.recipients().get(2), "2.0.0", "250 2.0.0 delivered")), message));

        DsnParts parts = DsnParts.parse(mail(delivery.await(r -> isDsnTo(r, sender), Duration.ofSeconds(30))).message());
        assertThat(parts.perRecipient()).hasSize(2);
        assertThat(parts.field(0, "Final-Recipient")).isEqualTo("rfc822; " + unknown);
        assertThat(parts.field(0, "Action")).isEqualTo("failed");
        assertThat(parts.field(0, "Status")).isEqualTo("5.1.1");
        assertThat(parts.field(0, "Diagnostic-Code")).isEqualTo("smtp; 550 5.1.1 No such mailbox here");
        assertThat(parts.field(1, "Final-Recipient")).isEqualTo("rfc822; " + fine);
        assertThat(parts.field(1, "Action")).isEqualTo("delivered");

        // The full mailbox is tried again: the message goes back to mail.delivery for that recipient only.
        MailRecord retried = mail(delivery.await(r -> mail(r).queueId().equals(original.queueId())
                && !mail(r).envelope().isNullSender(), Duration.ofSeconds(30)));
        assertThat(retried.envelope().recipients()).extracting(Recipient::address).containsExactly(full);
        assertThat(retried.envelope().recipients().getFirst().state()).isEqualTo(RecipientState.PENDING);
        assertThat(retried.envelope().mailFrom()).isEqualTo(sender);
        assertThat(retried.message()).isEqualTo(message);
    }
}
