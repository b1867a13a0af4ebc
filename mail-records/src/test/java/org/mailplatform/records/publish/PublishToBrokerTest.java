package org.mailplatform.records.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailplatform.records.BrokerReader;
import org.mailplatform.records.Fixtures;
import org.mailplatform.records.MailHeaders;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.QueueIds;
import org.mailplatform.records.codec.MailRecordDeserializer;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.testsupport.TestKafka;

/** The publisher against the real broker, without Spring. */
class PublishToBrokerTest {

    /** A topic that takes 1 MiB batches: a bigger message only fits if the producer compressed it. */
    private static final String SMALL_TOPIC = "test.publish.small";

    private static AcknowledgedSender sender;
    private static final List<Boolean> outcomes = new ArrayList<>();

    @BeforeAll
    static void createTopicAndSender() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.get().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(SMALL_TOPIC, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", Integer.toString(1024 * 1024))))).all().get();
        }
        MailProducerSettings settings = MailProducerSettings.forBootstrapServers(TestKafka.get().bootstrapServers())
                .withTimeouts(Duration.ofSeconds(20));
        sender = AcknowledgedSender.create(settings, (topic, elapsed, ok) -> outcomes.add(ok));
    }

    @AfterAll
    static void closeSender() {
        sender.close();
    }

    private static MailRecord record(byte[] message) {
        return new MailRecord(Fixtures.fullEnvelope().withQueueId(QueueIds.next()), message);
    }

    @Test
    void zstdCompressedRecordIsReadBackByteExact() throws Exception {
        StringBuilder text = new StringBuilder("Subject: newsletter\r\n\r\n");
        while (text.length() < 4 * 1024 * 1024) {
            text.append("Lorem ipsum dolor sit amet, consectetur adipiscing elit.\r\n");
        }
        MailRecord record = record(text.toString().getBytes(StandardCharsets.US_ASCII));

        PublishReceipt receipt = new MailRecordPublisher(sender).publish(SMALL_TOPIC, record);

        ConsumerRecord<String, MailRecord> read = BrokerReader.readAt(SMALL_TOPIC, receipt.partition(),
                receipt.offset(), new MailRecordDeserializer());
        assertThat(read.key()).isEqualTo(record.queueId());
        assertThat(read.value()).isEqualTo(record);
        assertThat(new String(read.headers().lastHeader(MailHeaders.QUEUE_ID).value(), StandardCharsets.UTF_8))
                .isEqualTo(record.queueId());
        assertThat(new String(read.headers().lastHeader(MailHeaders.TRACE_ID).value(), StandardCharsets.UTF_8))
                .isEqualTo(record.envelope().traceId());
        assertThat(outcomes).contains(true);
    }

    @Test
    void recordTheBrokerRefusesIsAFailureNotASuccess() {
        byte[] incompressible = new byte[3 * 1024 * 1024];
        new Random(1).nextBytes(incompressible);

        assertThatThrownBy(() -> new MailRecordPublisher(sender).publish(SMALL_TOPIC, record(incompressible)))
                .isInstanceOfSatisfying(PublishException.class, e -> {
                    assertThat(e.timedOut()).isFalse();
                    assertThat(e.topic()).isEqualTo(SMALL_TOPIC);
                    assertThat(e).hasCauseInstanceOf(RecordTooLargeException.class);
                });
        assertThat(outcomes).contains(false);
    }

    @Test
    void unreachableBrokerIsReportedAsFailureWithinTheTimeout() throws IOException {
        int unusedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            unusedPort = socket.getLocalPort();
        }
        MailProducerSettings settings = MailProducerSettings.forBootstrapServers("127.0.0.1:" + unusedPort)
                .withTimeouts(Duration.ofMillis(1500));
        List<Boolean> seen = new ArrayList<>();
        try (AcknowledgedSender nowhere = AcknowledgedSender.create(settings, (topic, elapsed, ok) -> seen.add(ok))) {
            MailRecordPublisher publisher = new MailRecordPublisher(nowhere);
            long start = System.nanoTime();

            assertThatThrownBy(() -> publisher.publish("mail.outbound", record(Fixtures.ascii("hello\r\n"))))
                    .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.timedOut()).isTrue());

            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertThat(elapsed).isBetween(Duration.ofMillis(1400), Duration.ofSeconds(10));
            assertThat(seen).containsExactly(false);
        }
    }

    @Test
    void aParkedRecordIsToldToTheListenerWithItsQueueIdOnceTheBrokerTookIt() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.get().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(MailTopics.DEAD_LETTER, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            // Another test of this JVM's broker made it first.
            assertThat(e).hasCauseInstanceOf(TopicExistsException.class);
        }
        List<String> parked = new ArrayList<>();
        DeadLetterPublisher deadLetters = new DeadLetterPublisher(sender, "test-consumer",
                (queueId, topic, problem, consumer) -> parked.add(queueId + " " + topic + " " + problem + " " + consumer));
        String queueId = QueueIds.next();
        var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        headers.add(MailHeaders.QUEUE_ID, queueId.getBytes(StandardCharsets.UTF_8));

        deadLetters.publish("mail.outbound", 2, 17, null, new byte[] {1, 2}, headers, new IllegalStateException("bad"));
        deadLetters.publish("mail.delivery", 0, 3, null, new byte[] {3}, null, new IllegalStateException("worse"));

        assertThat(parked).containsExactly(
                queueId + " mail.outbound java.lang.IllegalStateException test-consumer",
                "null mail.delivery java.lang.IllegalStateException test-consumer");
    }

    @Test
    void closedSenderFailsInsteadOfPretending() {
        AcknowledgedSender closed = AcknowledgedSender.create(
                MailProducerSettings.forBootstrapServers(TestKafka.get().bootstrapServers()), null);
        closed.close();
        assertThatThrownBy(() -> new MailRecordPublisher(closed).publish(SMALL_TOPIC, record(new byte[10])))
                .isInstanceOf(PublishException.class);
    }
}
