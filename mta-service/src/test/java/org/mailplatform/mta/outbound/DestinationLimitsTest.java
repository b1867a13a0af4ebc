package org.mailplatform.mta.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailplatform.mta.client.TlsPolicy;
import org.mailplatform.mta.outbound.limits.DestinationLimiter;
import org.mailplatform.mta.testing.SmtpSink;
import org.mailplatform.mta.testing.TopicReader;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.RecipientState;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.records.topics.RetryTier;
import org.mailplatform.testsupport.RequiredTool;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Per-destination limits against a real SMTP server (Postfix's smtp-sink, which holds each DATA for a
 * second so that sessions overlap), seen through counting relays: one per destination, so what each
 * relay counts is what the destination would have seen.
 */
class DestinationLimitsTest extends OutboundServiceTestBase {

    static SmtpSink sink;
    static TopicReader firstTier;

    @Autowired
    DestinationLimiter limiter;
    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void startSink() throws IOException {
        RequiredTool.assumePresent(SmtpSink.available(), "smtp-sink (Debian package postfix) is not installed");
        sink = SmtpSink.start(1);
        List.of(LIMITED, UNLIMITED, RATED, HELD).forEach(proxy -> proxy.forwardTo(sink.port()));
        firstTier = new TopicReader(List.of(RetryTier.ONE_MINUTE.topic()));
    }

    @AfterAll
    static void stopSink() {
        if (firstTier != null) {
            firstTier.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void aDestinationLimitedToOneSessionNeverSeesTwoAtOnce() throws Exception {
        // The same mail arrives on every queue topic at once, so every consumer of the replica delivers
        // to both destinations at the same time.
        List<String> limited = sendOnEveryQueueTopic("limited.test");
        List<String> unlimited = sendOnEveryQueueTopic("unlimited.test");

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> allDelivered(limited) && allDelivered(unlimited));
        assertThat(UNLIMITED.maxConcurrentSessions()).as("without a limit the sessions do overlap").isGreaterThan(1);
        assertThat(LIMITED.maxConcurrentSessions()).as("sessions open at once to the limited destination").isEqualTo(1);
        assertThat(LIMITED.sessions()).isGreaterThan(1);
        assertThat(meters.get("mail.mta.destination.throttled").tag("reason", "connections").counter().count())
                .isPositive();
        // A delivery is reported before its session has said QUIT and closed: the gauge follows the close.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(meters.get("mail.mta.destination.sessions").tag("destination", "127.0.0.11").gauge().value())
                        .isZero());
    }

    @Test
    void twoMessagesPerSixSecondsHoldTheThirdBackUntilTheFirstLeavesTheWindow() throws Exception {
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String to = unique("rated", "rated.test");
            recipients.add(to);
            submit(envelope(unique("alice", LOCAL_DOMAIN), Recipient.of(to)).build(), "Subject: rate " + i + "\r\n\r\nx\r\n");
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> allDelivered(recipients));
        List<Instant> mail = RATED.mailCommands();
        assertThat(mail).hasSize(3);
        // Without the limit the three follow one another a second apart (the sink's DATA delay).
        assertThat(Duration.between(mail.get(0), mail.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(5500));
        assertThat(meters.get("mail.mta.destination.throttled").tag("reason", "rate").counter().count()).isPositive();
    }

    @Test
    void aMessageOverTheLimitIsDeferredShortlyWithoutCountingAnAttemptAndDeliveredOnceThereIsRoom() throws Exception {
        String to = unique("held", "held.test");
        MailEnvelope envelope = envelope(unique("alice", LOCAL_DOMAIN), Recipient.of(to)).build();
        Route heldRoute = new Route.Relay("transport", NextHop.parse(HELD.hostAndPort(), 25), TlsPolicy.MAY, null);

        try (DestinationLimiter.Run occupied = limiter.begin(heldRoute, 1)) {
            assertThat(occupied.granted()).isTrue();
            submit(envelope, "Subject: held\r\n\r\nwait\r\n");

            MailRecord deferred = mail(firstTier.await(r -> mail(r).queueId().equals(envelope.queueId()),
                    Duration.ofSeconds(30)));
            assertThat(deferred.envelope().attempts()).as("not a delivery attempt").isZero();
            Recipient recipient = deferred.envelope().recipients().getFirst();
            assertThat(recipient.state()).isEqualTo(RecipientState.PENDING);
            assertThat(recipient.lastStatus()).isEqualTo("4.4.5");
            assertThat(recipient.lastDiagnostic()).contains("127.0.0.14").contains("sessions open");
            assertThat(HELD.sessions()).isZero();
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> sink.transactionsFor(to) == 1);
        assertThat(HELD.maxConcurrentSessions()).isEqualTo(1);
    }

    private List<String> sendOnEveryQueueTopic(String domain) throws Exception {
        List<String> recipients = new ArrayList<>();
        List<String> topics = new ArrayList<>(List.of(MailTopics.OUTBOUND));
        for (RetryTier tier : RetryTier.values()) {
            topics.add(tier.topic());
        }
        for (String topic : topics) {
            String to = unique("user", domain);
            recipients.add(to);
            MailEnvelope envelope = envelope(unique("alice", LOCAL_DOMAIN), Recipient.of(to)).build();
            if (!topic.equals(MailTopics.OUTBOUND)) {
                envelope = envelope.withNextAttemptAt(Instant.now());
            }
            publisher.publish(topic, new MailRecord(envelope, ("Subject: at once\r\n\r\n" + topic + "\r\n")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return recipients;
    }

    private static boolean allDelivered(List<String> recipients) throws IOException {
        for (String to : recipients) {
            if (sink.transactionsFor(to) != 1) {
                return false;
            }
        }
        return true;
    }
}
