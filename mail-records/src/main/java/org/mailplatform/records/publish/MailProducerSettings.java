package org.mailplatform.records.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.mailplatform.records.MailSizeLimits;

/**
 * The Kafka producer configuration for mail: durable (acks=all, idempotent), compressed (zstd)
 * and sized for the SMTP SIZE limit. Durability settings are not configurable on purpose; they
 * are written over anything in {@code clientProperties}.
 *
 * @param bootstrapServers   comma-separated host:port list
 * @param sizeLimits         message size limit the max.request.size is derived from
 * @param publishTimeout     how long a publish waits for the acknowledgement; also max.block.ms,
 *                           so a missing broker cannot stall {@code send()} beyond it
 * @param deliveryTimeout    delivery.timeout.ms: when the producer itself gives up on a record
 * @param requestTimeout     request.timeout.ms: one produce request's wait
 * @param linger             linger.ms: kept small, an SMTP client is waiting for the reply
 * @param bufferMemoryBytes  buffer.memory: must hold at least one maximal record
 * @param clientProperties   further client settings (security, SSL, client.id), applied first
 */
public record MailProducerSettings(
        String bootstrapServers,
        MailSizeLimits sizeLimits,
        Duration publishTimeout,
        Duration deliveryTimeout,
        Duration requestTimeout,
        Duration linger,
        long bufferMemoryBytes,
        Map<String, Object> clientProperties) {

    public static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /**
     * No linger: each publish has a client waiting for its 250, and lingering only adds to that wait;
     * under load records still share a batch while the previous request is in flight.
     */
    public static final Duration DEFAULT_LINGER = Duration.ZERO;
    public static final long DEFAULT_BUFFER_MEMORY_BYTES = 64 * MailSizeLimits.MIB;

    public MailProducerSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers are required");
        }
        if (sizeLimits == null) {
            throw new IllegalArgumentException("size limits are required");
        }
        positive(publishTimeout, "publish timeout");
        positive(deliveryTimeout, "delivery timeout");
        positive(requestTimeout, "request timeout");
        if (linger == null || linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative");
        }
        // The producer refuses to start otherwise (KIP-91: delivery.timeout.ms >= linger.ms + request.timeout.ms).
        if (deliveryTimeout.compareTo(linger.plus(requestTimeout)) < 0) {
            throw new IllegalArgumentException("delivery timeout " + deliveryTimeout
                    + " must be at least linger + request timeout (" + linger.plus(requestTimeout) + ")");
        }
        if (bufferMemoryBytes < sizeLimits.producerMaxRequestBytes()) {
            throw new IllegalArgumentException("buffer memory " + bufferMemoryBytes
                    + " cannot hold one maximal record of " + sizeLimits.producerMaxRequestBytes() + " bytes");
        }
        clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** Defaults for everything but the broker list. */
    public static MailProducerSettings forBootstrapServers(String bootstrapServers) {
        return new MailProducerSettings(bootstrapServers, MailSizeLimits.defaults(), DEFAULT_PUBLISH_TIMEOUT,
                DEFAULT_DELIVERY_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_LINGER, DEFAULT_BUFFER_MEMORY_BYTES,
                Map.of());
    }

    /**
     * Sets the publish timeout and fits the producer's own timeouts inside it, so the producer
     * gives up on a record at about the time the publisher stops waiting for it.
     */
    public MailProducerSettings withTimeouts(Duration publish) {
        Duration request = publish.dividedBy(2).compareTo(DEFAULT_REQUEST_TIMEOUT) < 0
                ? publish.dividedBy(2) : DEFAULT_REQUEST_TIMEOUT;
        return new MailProducerSettings(bootstrapServers, sizeLimits, publish, publish, request, linger,
                bufferMemoryBytes, clientProperties);
    }

    public MailProducerSettings withTimeouts(Duration publish, Duration delivery, Duration request) {
        return new MailProducerSettings(bootstrapServers, sizeLimits, publish, delivery, request, linger,
                bufferMemoryBytes, clientProperties);
    }

    public MailProducerSettings withSizeLimits(MailSizeLimits value) {
        long buffer = Math.max(bufferMemoryBytes, 2L * value.producerMaxRequestBytes());
        return new MailProducerSettings(bootstrapServers, value, publishTimeout, deliveryTimeout, requestTimeout,
                linger, buffer, clientProperties);
    }

    public MailProducerSettings withLinger(Duration value) {
        return new MailProducerSettings(bootstrapServers, sizeLimits, publishTimeout, deliveryTimeout,
                requestTimeout, value, bufferMemoryBytes, clientProperties);
    }

    public MailProducerSettings withBufferMemoryBytes(long value) {
        return new MailProducerSettings(bootstrapServers, sizeLimits, publishTimeout, deliveryTimeout,
                requestTimeout, linger, value, clientProperties);
    }

    public MailProducerSettings withClientProperties(Map<String, Object> value) {
        return new MailProducerSettings(bootstrapServers, sizeLimits, publishTimeout, deliveryTimeout,
                requestTimeout, linger, bufferMemoryBytes, value);
    }

    /** Properties for a {@code KafkaProducer<byte[], byte[]>}. */
    public Map<String, Object> producerProperties() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Idempotence keeps order and avoids duplicates only with at most 5 requests in flight.
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, sizeLimits.producerMaxRequestBytes());
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, bufferMemoryBytes);
        props.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, publishTimeout.toMillis());
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return props;
    }
}
