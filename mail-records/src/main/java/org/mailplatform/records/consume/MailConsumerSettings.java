package org.mailplatform.records.consume;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.mailplatform.records.MailSizeLimits;

/**
 * The one place consumer client settings are made. Connection settings (security, SSL, and
 * whatever else {@code spring.kafka.consumer.*} and {@code spring.kafka.properties.*} carry) come
 * in {@code clientProperties}; the rest is fixed here, over anything those say:
 * <ul>
 *   <li>offsets are committed by the runtime only for records that are done (no auto-commit);</li>
 *   <li>a fetch takes one record as large as the biggest message the topics hold (the SMTP SIZE
 *       limit plus the envelope), or a big message would stall its partition for ever;</li>
 *   <li>bytes in: the runtime decodes, so an unreadable value reaches it and is dead-lettered.</li>
 * </ul>
 *
 * @param bootstrapServers comma-separated host:port list
 * @param sizeLimits       the record size limit the fetch sizes follow
 * @param maxPollInterval  max.poll.interval.ms unless a consumer sets its own: the longest one
 *                         batch may take before the group gives the partitions to another member
 * @param clientProperties further client settings, applied first
 */
public record MailConsumerSettings(String bootstrapServers, MailSizeLimits sizeLimits, Duration maxPollInterval,
                                   Map<String, Object> clientProperties) {

    public static final Duration DEFAULT_MAX_POLL_INTERVAL = Duration.ofMinutes(5);
    /** fetch.max.bytes when one record is smaller: several partitions' records in one fetch. */
    static final int MIN_FETCH_MAX_BYTES = 50 * 1024 * 1024;

    public MailConsumerSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers are required");
        }
        sizeLimits = sizeLimits == null ? MailSizeLimits.defaults() : sizeLimits;
        maxPollInterval = maxPollInterval == null ? DEFAULT_MAX_POLL_INTERVAL : maxPollInterval;
        clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
    }

    /** Defaults for everything but the broker list. */
    public static MailConsumerSettings forBootstrapServers(String bootstrapServers) {
        return new MailConsumerSettings(bootstrapServers, MailSizeLimits.defaults(), DEFAULT_MAX_POLL_INTERVAL,
                Map.of());
    }

    /**
     * @param clientId        client.id (also the consumer thread's name)
     * @param groupId         the consumer group; null for a broadcast consumer, which has none
     * @param maxPollRecords  records per poll, the largest batch
     * @param maxPollInterval null for {@link #maxPollInterval()}
     * @param fetchMaxWait    how long the broker may hold a fetch back to fill it; null or zero
     *                        for the client's default (fetch.min.bytes 1: at once)
     * @param fetchMinBytes   fetch.min.bytes with {@code fetchMaxWait}
     */
    Map<String, Object> properties(String clientId, String groupId, int maxPollRecords, Duration maxPollInterval,
                                   Duration fetchMaxWait, int fetchMinBytes) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            // A new group starts at the oldest record: starting at the newest would lose queued mail.
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        } else {
            props.remove(ConsumerConfig.GROUP_ID_CONFIG);
            props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
            // A position the broker no longer has (the retention passed it) goes to the newest record.
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        }
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        Duration interval = maxPollInterval != null ? maxPollInterval : this.maxPollInterval;
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, interval.toMillis()));
        int recordBytes = sizeLimits.topicMaxMessageBytes();
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, recordBytes);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Math.max(recordBytes, MIN_FETCH_MAX_BYTES));
        if (fetchMaxWait != null && !fetchMaxWait.isZero()) {
            props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) fetchMaxWait.toMillis());
            props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, fetchMinBytes);
        }
        return props;
    }
}
