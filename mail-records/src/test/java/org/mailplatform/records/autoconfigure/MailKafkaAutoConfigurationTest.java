package org.mailplatform.records.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailplatform.records.BrokerReader;
import org.mailplatform.records.DeliveryReport;
import org.mailplatform.records.Fixtures;
import org.mailplatform.records.MailHeaders;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.MailboxEvent;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.records.QueueIds;
import org.mailplatform.records.codec.DeliveryReportDeserializer;
import org.mailplatform.records.codec.MailRecordDeserializer;
import org.mailplatform.records.codec.MailboxEventDeserializer;
import org.mailplatform.records.codec.RecordFormatException;
import org.mailplatform.records.publish.DeadLetterPublisher;
import org.mailplatform.records.publish.DeliveryReportPublisher;
import org.mailplatform.records.publish.MailProducerSettings;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.publish.MailboxEventPublisher;
import org.mailplatform.records.publish.MicrometerPublishObserver;
import org.mailplatform.records.publish.PublishReceipt;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.records.topics.TopicSpec;
import org.mailplatform.testsupport.TestKafka;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A Spring context on the real broker: topics from the catalogue, publishers, metrics, dead letters. */
@SpringBootTest(classes = MailKafkaAutoConfigurationTest.App.class, properties = {
        "spring.application.name=records-test",
        "mailplatform.kafka.topics[mail.delivery.reports].partitions=2",
        "mailplatform.kafka.topics[mailbox.events].retention=2h",
        "logging.level.org.apache.kafka=WARN"})
class MailKafkaAutoConfigurationTest {

    @SpringBootConfiguration
    @ImportAutoConfiguration({KafkaAutoConfiguration.class, MailTopicsAutoConfiguration.class,
            MailPublisherAutoConfiguration.class})
    static class App {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> TestKafka.get().bootstrapServers());
    }

    private static Admin admin;

    @Autowired MailTopics topics;
    @Autowired MailProducerSettings settings;
    @Autowired MailRecordPublisher mailPublisher;
    @Autowired MailboxEventPublisher eventPublisher;
    @Autowired DeliveryReportPublisher reportPublisher;
    @Autowired DeadLetterPublisher deadLetters;
    @Autowired MeterRegistry meters;

    @BeforeAll
    static void connectAdmin() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers()));
    }

    @AfterAll
    static void closeAdmin() {
        admin.close();
    }

    @Test
    void everyCatalogueTopicExistsWithItsPartitionsAndConfigs() throws Exception {
        Set<String> names = topics.all().stream().map(TopicSpec::name).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.listTopics().names().get().containsAll(names));

        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
        List<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
        for (TopicSpec spec : topics.all()) {
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            assertThat(described.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
            assertThat(config.get("max.message.bytes").value()).as(spec.name())
                    .isEqualTo(Integer.toString(spec.maxMessageBytes()));
            assertThat(config.get("retention.ms").value()).as(spec.name())
                    .isEqualTo(Long.toString(spec.retention().toMillis()));
        }
        Config outbound = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, MailTopics.OUTBOUND));
        assertThat(outbound.get("max.message.bytes").value()).isEqualTo(Integer.toString(27 * 1024 * 1024));
        assertThat(described.get(MailTopics.DELIVERY_REPORTS).partitions()).hasSize(2);
        assertThat(topics.get(MailTopics.MAILBOX_EVENTS).retention()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void producerSettingsComeFromSpringKafkaAndMailplatformProperties() {
        assertThat(settings.bootstrapServers()).isEqualTo(TestKafka.get().bootstrapServers());
        assertThat(settings.producerProperties()).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        assertThat(settings.publishTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void a20MebibyteMessageGoesThroughTheOutboundTopic() throws Exception {
        byte[] message = new byte[20 * 1024 * 1024];
        new Random(20).nextBytes(message);
        MailRecord record = new MailRecord(Fixtures.fullEnvelope().withQueueId(QueueIds.next()), message);

        PublishReceipt receipt = mailPublisher.publish(MailTopics.OUTBOUND, record);

        assertThat(receipt.topic()).isEqualTo(MailTopics.OUTBOUND);
        ConsumerRecord<String, MailRecord> read = BrokerReader.readAt(MailTopics.OUTBOUND, receipt.partition(),
                receipt.offset(), new MailRecordDeserializer());
        assertThat(read.key()).isEqualTo(record.queueId());
        assertThat(read.value().envelope()).isEqualTo(record.envelope());
        assertThat(read.value().message()).isEqualTo(message);
        assertThat(meters.find(MicrometerPublishObserver.METRIC).tag("topic", MailTopics.OUTBOUND)
                .tag("outcome", "acknowledged").timer().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void mailboxEventsAreKeyedByAccountAndCarryTheirOrigin() throws Exception {
        MailboxEvent event = MailboxEvent.messages(MailboxEventKind.NEW_MESSAGE, "alice@example.org", 12, 77,
                List.of(3L, 4L), 18, "imap-gateway-0");

        PublishReceipt receipt = eventPublisher.publish(event);

        ConsumerRecord<String, MailboxEvent> read = BrokerReader.readAt(MailTopics.MAILBOX_EVENTS,
                receipt.partition(), receipt.offset(), new MailboxEventDeserializer());
        assertThat(read.key()).isEqualTo("alice@example.org");
        assertThat(read.value()).isEqualTo(event);
        assertThat(new String(read.headers().lastHeader(MailHeaders.EVENT_ORIGIN).value(), StandardCharsets.UTF_8))
                .isEqualTo("imap-gateway-0");
    }

    @Test
    void deliveryReportsAreKeyedByQueueId() throws Exception {
        DeliveryReport report = Fixtures.report(Fixtures.ascii("Subject: returned\r\n\r\n"));

        PublishReceipt receipt = reportPublisher.publish(report);

        ConsumerRecord<String, DeliveryReport> read = BrokerReader.readAt(MailTopics.DELIVERY_REPORTS,
                receipt.partition(), receipt.offset(), new DeliveryReportDeserializer());
        assertThat(read.key()).isEqualTo(report.queueId());
        assertThat(read.value()).isEqualTo(report);
    }

    @Test
    void anUnreadableRecordIsRaisedToTheConsumerAndParkedAsADeadLetter() throws Exception {
        byte[] garbage = Fixtures.ascii("From: not-a-record@example.org\r\n\r\nhello\r\n");
        RecordMetadata written;
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            written = raw.send(new ProducerRecord<>(MailTopics.DELIVERY, Fixtures.ascii("Q-garbage"), garbage)).get();
        }

        List<RecordDeserializationException> failures = new ArrayList<>();
        try (KafkaConsumer<String, MailRecord> consumer = BrokerReader.consumer(new MailRecordDeserializer())) {
            TopicPartition tp = new TopicPartition(MailTopics.DELIVERY, written.partition());
            consumer.assign(List.of(tp));
            consumer.seek(tp, written.offset());
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try {
                    assertThat(consumer.poll(Duration.ofMillis(200))).isEmpty();
                } catch (RecordDeserializationException e) {
                    failures.add(e);
                }
                return !failures.isEmpty();
            });
        }
        RecordDeserializationException failure = failures.getFirst();
        assertThat(failure.offset()).isEqualTo(written.offset());
        assertThat(failure.getCause()).isInstanceOfSatisfying(RecordFormatException.class,
                e -> assertThat(e.problem()).isEqualTo(RecordFormatException.Problem.BAD_MAGIC));

        PublishReceipt parked = deadLetters.publish(failure);

        ConsumerRecord<String, byte[]> dead = BrokerReader.readAt(MailTopics.DEAD_LETTER, parked.partition(),
                parked.offset(), new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(dead.key()).isEqualTo("Q-garbage");
        assertThat(header(dead, MailHeaders.DLT_TOPIC)).isEqualTo(MailTopics.DELIVERY);
        assertThat(header(dead, MailHeaders.DLT_OFFSET)).isEqualTo(Long.toString(written.offset()));
        assertThat(header(dead, MailHeaders.DLT_PROBLEM)).isEqualTo("BAD_MAGIC");
        assertThat(header(dead, MailHeaders.DLT_CONSUMER)).isEqualTo("records-test");
    }

    @Test
    void contextFailsOnATopicOverrideForAnUnknownTopic() {
        MailKafkaProperties typo = new MailKafkaProperties(true, null, null, null,
                org.springframework.util.unit.DataSize.ofMegabytes(25),
                org.springframework.util.unit.DataSize.ofMegabytes(1),
                Map.of("mail.outbund", new MailKafkaProperties.TopicOverride(3, null, null, null)),
                new MailKafkaProperties.Producer(Duration.ofSeconds(30), Duration.ofSeconds(30),
                        Duration.ofSeconds(10), Duration.ofMillis(2),
                        org.springframework.util.unit.DataSize.ofMegabytes(64)),
                new MailKafkaProperties.Consumer(Duration.ofMinutes(5)));
        assertThatThrownBy(typo::mailTopics).hasMessageContaining("mail.outbund");
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
