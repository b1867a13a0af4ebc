package org.mailplatform.records.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.mailplatform.records.MailSizeLimits;

class MailProducerSettingsTest {

    @Test
    void producerIsDurableCompressedAndSizedForTheSmtpLimit() {
        Map<String, Object> props = MailProducerSettings.forBootstrapServers("k1:9092,k2:9092").producerProperties();
        assertThat(props).containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "k1:9092,k2:9092")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd")
                .containsEntry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        MailSizeLimits.defaults().producerMaxRequestBytes())
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000L)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0);
    }

    @Test
    void durabilityCannotBeWeakenedThroughClientProperties() {
        Map<String, Object> props = MailProducerSettings.forBootstrapServers("k:9092")
                .withClientProperties(Map.of(ProducerConfig.ACKS_CONFIG, "1",
                        ProducerConfig.COMPRESSION_TYPE_CONFIG, "none",
                        "security.protocol", "SSL"))
                .producerProperties();
        assertThat(props).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd")
                .containsEntry("security.protocol", "SSL");
    }

    @Test
    void shortPublishTimeoutFitsTheProducerTimeoutsInside() {
        MailProducerSettings s = MailProducerSettings.forBootstrapServers("k:9092").withTimeouts(Duration.ofSeconds(2));
        assertThat(s.publishTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.deliveryTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.producerProperties()).containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000L);
    }

    @Test
    void inconsistentTimeoutsAreRefusedUpFront() {
        MailProducerSettings s = MailProducerSettings.forBootstrapServers("k:9092");
        assertThatThrownBy(() -> s.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10)))
                .hasMessageContaining("delivery timeout");
        assertThatThrownBy(() -> s.withTimeouts(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withBufferMemoryBytes(1024)).hasMessageContaining("buffer memory");
        assertThatThrownBy(() -> MailProducerSettings.forBootstrapServers(" ")).hasMessageContaining("bootstrap");
    }

    @Test
    void largerSizeLimitRaisesRequestSizeAndBuffer() {
        MailSizeLimits fifty = new MailSizeLimits(50L << 20, 1L << 20);
        MailProducerSettings s = MailProducerSettings.forBootstrapServers("k:9092").withSizeLimits(fifty);
        assertThat(s.producerProperties()).containsEntry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                fifty.producerMaxRequestBytes());
        assertThat(s.bufferMemoryBytes()).isGreaterThanOrEqualTo(2L * fifty.producerMaxRequestBytes());
    }
}
