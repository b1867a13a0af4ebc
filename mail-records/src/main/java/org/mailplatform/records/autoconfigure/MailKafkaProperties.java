package org.mailplatform.records.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.mailplatform.records.MailSizeLimits;
import org.mailplatform.records.consume.MailConsumerSettings;
import org.mailplatform.records.publish.MailProducerSettings;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.records.topics.TopicSpec;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code mailplatform.kafka.*}: deployment settings for the platform's topics and producer.
 * Per-topic overrides use the topic name in brackets, e.g.
 * {@code mailplatform.kafka.topics[mail.outbound].partitions=12}.
 *
 * @param createTopics        declare the catalogue to KafkaAdmin at start (off where operators
 *                            create topics, e.g. from the Helm chart)
 * @param partitions          partitions of every topic, instead of the catalogue's
 * @param replicationFactor   replication factor of every topic, instead of the broker default
 * @param minInsyncReplicas   min.insync.replicas of every topic (2 with replication factor 3)
 * @param maxMessageSize      the SMTP SIZE limit the topics and producer are sized for
 * @param envelopeAllowance   room for the envelope on top of the message
 * @param topics              per-topic overrides by topic name
 * @param producer            producer timeouts and buffers
 * @param consumer            consumer settings every consumer of the service shares
 */
@ConfigurationProperties(prefix = "mailplatform.kafka")
public record MailKafkaProperties(
        @DefaultValue("true") boolean createTopics,
        Integer partitions,
        Integer replicationFactor,
        Integer minInsyncReplicas,
        @DefaultValue("25MB") DataSize maxMessageSize,
        @DefaultValue("1MB") DataSize envelopeAllowance,
        Map<String, TopicOverride> topics,
        @DefaultValue Producer producer,
        @DefaultValue Consumer consumer) {

    public MailKafkaProperties {
        topics = topics == null ? Map.of() : Map.copyOf(topics);
    }

    /** Overrides for one topic; unset fields keep the catalogue's (or the global override's) value. */
    public record TopicOverride(Integer partitions, Integer replicationFactor, Duration retention,
                                Integer minInsyncReplicas) {
    }

    /**
     * @param publishTimeout   how long a publish waits for the acknowledgement (the SMTP client waits meanwhile)
     * @param deliveryTimeout  delivery.timeout.ms; at least linger + request timeout
     * @param requestTimeout   request.timeout.ms
     * @param linger           linger.ms
     * @param bufferMemory     buffer.memory; raised to one maximal record if smaller
     */
    public record Producer(
            @DefaultValue("30s") Duration publishTimeout,
            @DefaultValue("30s") Duration deliveryTimeout,
            @DefaultValue("10s") Duration requestTimeout,
            @DefaultValue("0ms") Duration linger,
            @DefaultValue("64MB") DataSize bufferMemory) {
    }

    /**
     * @param maxPollInterval max.poll.interval.ms of consumers that do not set their own: the
     *                        longest one batch may take before the group moves its partitions
     */
    public record Consumer(@DefaultValue("5m") Duration maxPollInterval) {
    }

    public MailSizeLimits sizeLimits() {
        return new MailSizeLimits(maxMessageSize.toBytes(), envelopeAllowance.toBytes());
    }

    /** The shipped catalogue for this size limit, with the global and per-topic overrides applied. */
    public MailTopics mailTopics() {
        MailTopics catalogue = MailTopics.defaults(sizeLimits()).map(this::applyGlobal);
        for (Map.Entry<String, TopicOverride> entry : topics.entrySet()) {
            if (!catalogue.contains(entry.getKey())) {
                throw new IllegalArgumentException("mailplatform.kafka.topics names an unknown topic: "
                        + entry.getKey() + " (known: " + catalogue.all().stream().map(TopicSpec::name).toList() + ")");
            }
            catalogue = catalogue.map(entry.getKey(), spec -> apply(spec, entry.getValue()));
        }
        return catalogue;
    }

    private TopicSpec applyGlobal(TopicSpec spec) {
        return apply(spec, new TopicOverride(partitions, replicationFactor, null, minInsyncReplicas));
    }

    private static TopicSpec apply(TopicSpec spec, TopicOverride override) {
        TopicSpec result = spec;
        if (override.partitions() != null) {
            result = result.withPartitions(override.partitions());
        }
        if (override.replicationFactor() != null) {
            result = result.withReplicationFactor(override.replicationFactor());
        }
        if (override.retention() != null) {
            result = result.withRetention(override.retention());
        }
        if (override.minInsyncReplicas() != null) {
            result = result.withMinInSyncReplicas(override.minInsyncReplicas());
        }
        return result;
    }

    /** Consumer settings for {@code bootstrapServers}, on top of the service's other client properties. */
    public MailConsumerSettings consumerSettings(String bootstrapServers, Map<String, Object> clientProperties) {
        return new MailConsumerSettings(bootstrapServers, sizeLimits(), consumer.maxPollInterval(), clientProperties);
    }

    /** Producer settings for {@code bootstrapServers}, on top of the service's other client properties. */
    public MailProducerSettings producerSettings(String bootstrapServers, Map<String, Object> clientProperties) {
        MailSizeLimits limits = sizeLimits();
        long buffer = Math.max(producer.bufferMemory().toBytes(), limits.producerMaxRequestBytes());
        return new MailProducerSettings(bootstrapServers, limits, producer.publishTimeout(),
                producer.deliveryTimeout(), producer.requestTimeout(), producer.linger(), buffer, clientProperties);
    }
}
