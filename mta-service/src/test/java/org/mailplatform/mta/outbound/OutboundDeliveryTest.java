package org.mailplatform.mta.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailplatform.mta.testing.TestPeer;
import org.mailplatform.mta.testing.TopicReader;
import org.mailplatform.records.DsnNotify;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.OriginalRecipient;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.RecipientState;
import org.mailplatform.records.codec.MailRecordCodec;
import org.mailplatform.records.publish.AcknowledgedSender;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.publish.PublishReceipt;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.records.topics.RetryTier;
import org.springframework.beans.factory.annotation.Autowired;

/** mail.outbound end to end: local hand-off, SMTP to real peers, retries through the delay topics. */
class OutboundDeliveryTest extends OutboundServiceTestBase {

    static TopicReader delivery;
    static TopicReader retries;

    @Autowired
    MeterRegistry meters;
    @Autowired
    AcknowledgedSender sender;
    @Autowired
    OutboundWorkers workers;

    @BeforeAll
    static void readers() {
        delivery = new TopicReader(List.of(MailTopics.DELIVERY));
        retries = new TopicReader(List.of(RetryTier.ONE_MINUTE.topic(), RetryTier.FIVE_MINUTES.topic()));
    }

    @AfterAll
    static void closeReaders() {
        delivery.close();
        retries.close();
    }

    @Test
    void localRecipientsGoToMailDeliveryAndRemoteOnesOverStartTls() throws Exception {
        String local = unique("bob", LOCAL_DOMAIN);
        String remote = unique("ok", "peer.test");
        MailEnvelope envelope = envelope(unique("alice", LOCAL_DOMAIN),
                Recipient.of(local),
                Recipient.of(remote, Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE), OriginalRecipient.rfc822(remote)))
                .envelopeId("ENV-42")
                .build();
        submit(envelope, "Subject: split\r\n\r\nTo both.\r\n");

        await().atMost(Duration.ofSeconds(30)).until(() -> PEER.receivedFor(remote).size() == 1);
        TestPeer.Received received = PEER.receivedFor(remote).getFirst();
        assertThat(received.tls()).as("STARTTLS on the way to the peer").isNotNull();
        assertThat(received.recipients()).containsExactly(remote);
        assertThat(received.from()).isEqualTo(envelope.mailFrom());
        assertThat(received.text()).isEqualTo("Subject: split\r\n\r\nTo both.\r\n");
        // RFC 3461 4: the DSN parameters travel on to a peer that supports DSN.
        assertThat(received.notifyOn().get(remote)).containsExactlyInAnyOrder(DsnNotify.SUCCESS, DsnNotify.FAILURE);
        assertThat(received.orcpt().get(remote)).isEqualTo(OriginalRecipient.rfc822(remote));
        assertThat(received.parameters().envid()).isEqualTo("ENV-42");

        ConsumerRecord<byte[], byte[]> handedOver = delivery.await(
                r -> mail(r).queueId().equals(envelope.queueId()), Duration.ofSeconds(30));
        MailRecord localRecord = mail(handedOver);
        assertThat(localRecord.envelope().recipients()).extracting(Recipient::address).containsExactly(local);
        assertThat(localRecord.envelope().recipients().getFirst().state()).isEqualTo(RecipientState.PENDING);
        assertThat(new String(localRecord.message(), StandardCharsets.UTF_8)).isEqualTo("Subject: split\r\n\r\nTo both.\r\n");

        assertThat(meters.get("mail.mta.delivery.attempts").tag("result", "delivered").counter().count()).isPositive();
        assertThat(meters.get("mail.mta.outbound.tls").tag("result", "established").counter().count()).isPositive();
        assertThat(meters.get("mail.mta.local.handoffs").counter().count()).isPositive();
        assertThat(meters.get("mail.mta.queue.depth").tag("topic", MailTopics.OUTBOUND).gauge()).isNotNull();
        assertThat(meters.get("mail.mta.queue.oldest.age").gauge().value()).isNotNegative();
    }

    @Test
    void aBatchOfMessagesHandsEachOnesLocalRecipientsOverOnce() throws Exception {
        // Published together, so the consumer finds them in one poll and hands them over as one batch.
        List<MailEnvelope> envelopes = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String remote = unique("ok", "peer.test");
            MailEnvelope envelope = envelope(unique("alice", LOCAL_DOMAIN), Recipient.of(unique("carol", LOCAL_DOMAIN)),
                    Recipient.of(remote), Recipient.of(unique("dave", LOCAL_DOMAIN))).build();
            envelopes.add(envelope);
            records.add(MailRecordPublisher.producerRecord(MailTopics.OUTBOUND, envelope.queueId(), new MailRecord(envelope,
                    ("Subject: batch " + i + "\r\n\r\nOne of ten.\r\n").getBytes(StandardCharsets.UTF_8))));
        }
        List<PublishReceipt> receipts = publisher.publishAll(records);
        receipts.forEach(receipt -> awaitConsumed("mta-outbound", receipt));

        for (int i = 0; i < envelopes.size(); i++) {
            MailEnvelope envelope = envelopes.get(i);
            List<ConsumerRecord<byte[], byte[]>> handedOver = delivery.drain(r -> mail(r).queueId().equals(envelope.queueId()));
            assertThat(handedOver).as("hand-offs of message %d", i).hasSize(1);
            MailRecord local = mail(handedOver.getFirst());
            assertThat(local.envelope().recipients()).extracting(Recipient::address)
                    .containsExactly(envelope.recipients().get(0).address(), envelope.recipients().get(2).address());
            assertThat(new String(local.message(), StandardCharsets.UTF_8)).isEqualTo("Subject: batch " + i + "\r\n\r\nOne of ten.\r\n");
            String remote = envelope.recipients().get(1).address();
            await().atMost(Duration.ofSeconds(30)).until(() -> PEER.receivedFor(remote).size() == 1);
        }
    }

    @Test
    void aPeerThatAnswers451TwiceGetsTheMessageOnTheThirdTry() throws Exception {
        String greylisted = unique("greylist", "peer.test");
        MailEnvelope envelope = envelope(unique("alice", LOCAL_DOMAIN), Recipient.of(greylisted)).build();
        submit(envelope, "Subject: greylisting\r\n\r\nPatience.\r\n");

        await().atMost(Duration.ofSeconds(45)).until(() -> PEER.receivedFor(greylisted).size() == 1);
        assertThat(PEER.rcptAttempts(greylisted)).isEqualTo(3);

        // The waits went through the first two delay topics, with the attempt count and the reason.
        MailRecord first = mail(retries.await(r -> r.topic().equals(RetryTier.ONE_MINUTE.topic())
                && mail(r).queueId().equals(envelope.queueId()), Duration.ofSeconds(10)));
        assertThat(first.envelope().attempts()).isEqualTo(1);
        assertThat(first.envelope().nextAttemptAt()).isAfter(first.envelope().firstAttemptAt());
        assertThat(first.envelope().recipients().getFirst().lastStatus()).isEqualTo("4.7.1");
        assertThat(first.envelope().recipients().getFirst().lastDiagnostic()).isEqualTo("451 4.7.1 Greylisted, try again later");
        MailRecord second = mail(retries.await(r -> r.topic().equals(RetryTier.FIVE_MINUTES.topic())
                && mail(r).queueId().equals(envelope.queueId()), Duration.ofSeconds(10)));
        assertThat(second.envelope().attempts()).isEqualTo(2);
        assertThat(second.envelope().firstAttemptAt()).isEqualTo(first.envelope().firstAttemptAt());
    }

    @Test
    void storedBareLineFeedsGoOutAsCrlfWithLeadingDotsDoubled() throws Exception {
        String to = unique("dots", "peer.test");
        MailEnvelope envelope = envelope(unique("alice", LOCAL_DOMAIN), Recipient.of(to)).build();
        submit(envelope, "Subject: bare\n\n.one\n.\n..two\nend");

        await().atMost(Duration.ofSeconds(30)).until(() -> PEER.receivedFor(to).size() == 1);
        // The peer refuses bare LF and removes one dot of each stuffed line: it kept exactly the text.
        assertThat(PEER.receivedFor(to).getFirst().text()).isEqualTo("Subject: bare\r\n\r\n.one\r\n.\r\n..two\r\nend\r\n");
    }

    @Test
    void theSmartHostTakesOtherDomainsOverTlsWithAuthentication() throws Exception {
        String far = unique("someone", "far.example");
        String farther = unique("other", "farther.example");
        MailEnvelope envelope = envelope(unique("alice", LOCAL_DOMAIN), Recipient.of(far), Recipient.of(farther)).build();
        submit(envelope, "Subject: via relay\r\n\r\nHi.\r\n");

        await().atMost(Duration.ofSeconds(30)).until(() -> SMART_HOST.receivedFor(far).size() == 1);
        TestPeer.Received received = SMART_HOST.receivedFor(far).getFirst();
        assertThat(received.authenticatedUser()).isEqualTo(SMART_HOST_USER);
        assertThat(received.tls()).isNotNull();
        // Both domains share the smart host route: one transaction carries both recipients.
        assertThat(received.recipients()).containsExactlyInAnyOrder(far, farther);
    }

    @Test
    void aRecordWaitingForItsTimeHoldsUpNoOtherMail() throws Exception {
        Instant due = Instant.now().plusSeconds(12);
        List<String> waiting = new ArrayList<>();
        // One waiting record at the head of every partition of the 2h tier.
        for (int partition = 0; partition < 3; partition++) {
            String to = unique("ok-waiting", "peer.test");
            waiting.add(to);
            MailEnvelope held = envelope(unique("alice", LOCAL_DOMAIN), Recipient.of(to))
                    .attempts(6).firstAttemptAt(Instant.now()).nextAttemptAt(due).build();
            sender.send(new ProducerRecord<>(RetryTier.TWO_HOURS.topic(), partition,
                    held.queueId().getBytes(StandardCharsets.UTF_8),
                    MailRecordCodec.encode(new MailRecord(held, "Subject: later\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8)))));
        }
        String fresh = unique("ok-fresh", "peer.test");
        submit(envelope(unique("alice", LOCAL_DOMAIN), Recipient.of(fresh)).build(), "Subject: now\r\n\r\nx\r\n");
        String retried = unique("ok-retried", "peer.test");
        MailEnvelope dueNow = envelope(unique("alice", LOCAL_DOMAIN), Recipient.of(retried))
                .attempts(2).firstAttemptAt(Instant.now()).nextAttemptAt(Instant.now()).build();
        sender.send(new ProducerRecord<>(RetryTier.FIVE_MINUTES.topic(), dueNow.queueId().getBytes(StandardCharsets.UTF_8),
                MailRecordCodec.encode(new MailRecord(dueNow, "Subject: retry\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8)))));

        await().atMost(Duration.ofSeconds(10)).until(() -> PEER.receivedFor(fresh).size() == 1
                && PEER.receivedFor(retried).size() == 1);
        assertThat(Instant.now()).isBefore(due);
        assertThat(waiting).allSatisfy(to -> assertThat(PEER.rcptAttempts(to)).isZero());

        await().atMost(Duration.ofSeconds(40)).until(() -> waiting.stream().allMatch(to -> PEER.receivedFor(to).size() == 1));
        assertThat(Instant.now()).isAfterOrEqualTo(due);
    }

    @Test
    void anUnreadableRecordIsParkedAndTheNextOneDelivered() throws Exception {
        try (TopicReader deadLetters = new TopicReader(List.of(MailTopics.DEAD_LETTER))) {
            String key = "garbage-" + System.nanoTime();
            sender.send(new ProducerRecord<>(MailTopics.OUTBOUND, 0, key.getBytes(StandardCharsets.UTF_8),
                    "this is not a mail record".getBytes(StandardCharsets.UTF_8)));
            String to = unique("ok-after-garbage", "peer.test");
            MailEnvelope envelope = envelope(unique("alice", LOCAL_DOMAIN), Recipient.of(to)).build();
            sender.send(new ProducerRecord<>(MailTopics.OUTBOUND, 0, envelope.queueId().getBytes(StandardCharsets.UTF_8),
                    MailRecordCodec.encode(new MailRecord(envelope, "Subject: after\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8)))));

            ConsumerRecord<byte[], byte[]> parked = deadLetters.await(
                    r -> key.equals(new String(r.key(), StandardCharsets.UTF_8)), Duration.ofSeconds(30));
            assertThat(new String(parked.value(), StandardCharsets.UTF_8)).isEqualTo("this is not a mail record");
            assertThat(new String(parked.headers().lastHeader("mail-dlt-topic").value(), StandardCharsets.UTF_8))
                    .isEqualTo(MailTopics.OUTBOUND);
            await().atMost(Duration.ofSeconds(30)).until(() -> PEER.receivedFor(to).size() == 1);
        }
    }

    @Test
    void aRestartInTheMiddleOfTheRetriesLosesNothing() throws Exception {
        String greylisted = unique("greylist", "peer.test");
        submit(envelope(unique("alice", LOCAL_DOMAIN), Recipient.of(greylisted)).build(), "Subject: restart\r\n\r\nx\r\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> PEER.rcptAttempts(greylisted) == 1);
        workers.stop();
        try {
            assertThat(workers.isRunning()).isFalse();
            assertThat(PEER.receivedFor(greylisted)).isEmpty();
        } finally {
            workers.start();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> PEER.receivedFor(greylisted).size() == 1);
        assertThat(PEER.rcptAttempts(greylisted)).isEqualTo(3);
    }
}
