package org.mailplatform.records.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.mailplatform.records.Fixtures;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.publish.MailProducerSettings;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.publish.MicrometerPublishObserver;
import org.mailplatform.records.publish.PublishException;
import org.mailplatform.records.topics.MailTopics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaAdmin;

/** Wiring and properties, with contexts that need no broker (topic creation off). */
class MailPublisherWiringTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, MailTopicsAutoConfiguration.class,
                    MailPublisherAutoConfiguration.class))
            // Port 1 on loopback refuses at once; no context here should reach a broker.
            .withPropertyValues("mailplatform.kafka.create-topics=false", "spring.kafka.bootstrap-servers=127.0.0.1:1");

    @Test
    void bothAutoConfigurationsAreRegisteredForBoot() {
        Iterable<String> candidates = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader());
        assertThat(candidates).contains(MailTopicsAutoConfiguration.class.getName(),
                MailPublisherAutoConfiguration.class.getName());
    }

    @Test
    void propertiesShapeTheProducerAndTheCatalogue() {
        runner.withPropertyValues(
                        "spring.kafka.bootstrap-servers=127.0.0.1:1,localhost:2",
                        "spring.kafka.properties.security.protocol=SSL",
                        "mailplatform.kafka.max-message-size=50MB",
                        "mailplatform.kafka.partitions=12",
                        "mailplatform.kafka.replication-factor=3",
                        "mailplatform.kafka.min-insync-replicas=2",
                        "mailplatform.kafka.topics[mail.deadletter].partitions=1",
                        "mailplatform.kafka.producer.publish-timeout=15s",
                        "mailplatform.kafka.producer.delivery-timeout=15s",
                        "mailplatform.kafka.producer.linger=5ms")
                .run(context -> {
                    MailProducerSettings settings = context.getBean(MailProducerSettings.class);
                    assertThat(settings.bootstrapServers()).isEqualTo("127.0.0.1:1,localhost:2");
                    assertThat(settings.publishTimeout()).isEqualTo(Duration.ofSeconds(15));
                    assertThat(settings.producerProperties())
                            .containsEntry("security.protocol", "SSL")
                            .containsEntry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, (51 << 20) + 64 * 1024)
                            .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5);
                    MailTopics topics = context.getBean(MailTopics.class);
                    assertThat(topics.get(MailTopics.OUTBOUND).partitions()).isEqualTo(12);
                    assertThat(topics.get(MailTopics.OUTBOUND).replicationFactor()).isEqualTo(3);
                    assertThat(topics.get(MailTopics.OUTBOUND).minInSyncReplicas()).isEqualTo(2);
                    assertThat(topics.get(MailTopics.OUTBOUND).maxMessageBytes()).isEqualTo(52 << 20);
                    assertThat(topics.get(MailTopics.DEAD_LETTER).partitions()).isEqualTo(1);
                    assertThat(context).doesNotHaveBean(KafkaAdmin.NewTopics.class);
                });
    }

    @Test
    void topicsAreDeclaredToKafkaAdminUnlessSwitchedOff() {
        runner.withPropertyValues("mailplatform.kafka.create-topics=true",
                        "spring.kafka.admin.auto-create=false")
                .run(context -> assertThat(context).hasSingleBean(KafkaAdmin.NewTopics.class));
    }

    @Test
    void aTypoInATopicOverrideStopsTheService() {
        runner.withPropertyValues("mailplatform.kafka.topics[mail.outbund].partitions=3")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("mail.outbund"));
    }

    @Test
    void publisherWithoutABrokerFailsAndTheTimerSaysSo() throws IOException {
        int unusedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            unusedPort = socket.getLocalPort();
        }
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:" + unusedPort,
                        "mailplatform.kafka.producer.publish-timeout=1500ms",
                        "mailplatform.kafka.producer.delivery-timeout=1500ms",
                        "mailplatform.kafka.producer.request-timeout=1s")
                .run(context -> {
                    MailRecordPublisher publisher = context.getBean(MailRecordPublisher.class);
                    MailRecord record = new MailRecord(Fixtures.minimalEnvelope("Q-nowhere"), Fixtures.ascii("x"));
                    assertThatThrownBy(() -> publisher.publish(MailTopics.OUTBOUND, record))
                            .isInstanceOf(PublishException.class);
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.find(MicrometerPublishObserver.METRIC).tag("outcome", "failed").timer().count())
                            .isEqualTo(1);
                    assertThat(meters.find(MicrometerPublishObserver.METRIC).tag("outcome", "acknowledged").timer())
                            .isNull();
                });
    }
}
