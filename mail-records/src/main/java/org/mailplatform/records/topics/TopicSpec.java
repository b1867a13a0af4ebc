package org.mailplatform.records.topics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * One topic of the platform and the configuration it is created with.
 *
 * @param name               topic name
 * @param partitions         partition count, the upper bound of consumer parallelism
 * @param replicationFactor  replicas, or {@link #BROKER_DEFAULT} for the broker's default.replication.factor
 * @param retention          how long records are kept ({@code retention.ms})
 * @param maxMessageBytes    largest record batch the topic accepts ({@code max.message.bytes})
 * @param minInSyncReplicas  {@code min.insync.replicas}, or {@link #BROKER_DEFAULT}; with acks=all it
 *                           decides how many copies exist before the producer hears "ok"
 * @param producers          who writes it (documentation)
 * @param consumers          who reads it (documentation)
 * @param key                what the record key is (documentation)
 */
public record TopicSpec(
        String name,
        int partitions,
        int replicationFactor,
        Duration retention,
        int maxMessageBytes,
        int minInSyncReplicas,
        String producers,
        String consumers,
        String key) {

    /** Leave the value to the broker's default (Kafka's own convention for "unset", -1). */
    public static final int BROKER_DEFAULT = -1;

    // Kafka's rule for topic names (legal characters, at most 249 of them).
    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public TopicSpec {
        if (name == null || !LEGAL_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("not a legal Kafka topic name: " + name);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException(name + ": partitions must be at least 1");
        }
        if (replicationFactor != BROKER_DEFAULT && (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE)) {
            throw new IllegalArgumentException(name + ": replication factor must be positive");
        }
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException(name + ": retention must be positive");
        }
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException(name + ": max.message.bytes must be at least 1 KiB");
        }
        if (minInSyncReplicas != BROKER_DEFAULT && minInSyncReplicas < 1) {
            throw new IllegalArgumentException(name + ": min.insync.replicas must be positive");
        }
        if (minInSyncReplicas != BROKER_DEFAULT && replicationFactor != BROKER_DEFAULT
                && minInSyncReplicas > replicationFactor) {
            throw new IllegalArgumentException(name + ": min.insync.replicas exceeds the replication factor,"
                    + " every acks=all write would fail");
        }
    }

    /** The topic-level configs it is created with. */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
        configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes));
        if (minInSyncReplicas != BROKER_DEFAULT) {
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInSyncReplicas));
        }
        return configs;
    }

    public NewTopic toNewTopic() {
        Optional<Short> replicas = replicationFactor == BROKER_DEFAULT
                ? Optional.empty() : Optional.of((short) replicationFactor);
        return new NewTopic(name, Optional.of(partitions), replicas).configs(configs());
    }

    public TopicSpec withPartitions(int value) {
        return new TopicSpec(name, value, replicationFactor, retention, maxMessageBytes, minInSyncReplicas,
                producers, consumers, key);
    }

    public TopicSpec withReplicationFactor(int value) {
        return new TopicSpec(name, partitions, value, retention, maxMessageBytes, minInSyncReplicas,
                producers, consumers, key);
    }

    public TopicSpec withRetention(Duration value) {
        return new TopicSpec(name, partitions, replicationFactor, value, maxMessageBytes, minInSyncReplicas,
                producers, consumers, key);
    }

    public TopicSpec withMaxMessageBytes(int value) {
        return new TopicSpec(name, partitions, replicationFactor, retention, value, minInSyncReplicas,
                producers, consumers, key);
    }

    public TopicSpec withMinInSyncReplicas(int value) {
        return new TopicSpec(name, partitions, replicationFactor, retention, maxMessageBytes, value,
                producers, consumers, key);
    }
}
