package org.mailplatform.records.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.mailplatform.records.tracing.MailTracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one record and waits for the broker's acknowledgement, up to the publish timeout counted
 * from the call (metadata wait included). Returns only when the record is stored; any other
 * outcome is a {@link PublishException}. One instance (one idempotent producer) serves a whole
 * service and is safe for concurrent use. Every record leaves with the calling thread's trace
 * context in its headers (when tracing is on), so the consumer continues the message's trace.
 */
public final class AcknowledgedSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AcknowledgedSender.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Producer<byte[], byte[]> producer;
    private final Duration timeout;
    private final PublishObserver observer;
    private final MailTracing tracing;

    public AcknowledgedSender(Producer<byte[], byte[]> producer, Duration timeout, PublishObserver observer) {
        this(producer, timeout, observer, MailTracing.OFF);
    }

    public AcknowledgedSender(Producer<byte[], byte[]> producer, Duration timeout, PublishObserver observer,
                              MailTracing tracing) {
        this.producer = producer;
        this.timeout = timeout;
        this.observer = observer == null ? PublishObserver.NONE : observer;
        this.tracing = tracing == null ? MailTracing.OFF : tracing;
    }

    /** A sender with its own producer configured by {@code settings}. */
    public static AcknowledgedSender create(MailProducerSettings settings, PublishObserver observer) {
        return create(settings, observer, MailTracing.OFF);
    }

    /** A sender with its own producer configured by {@code settings}, carrying trace context. */
    public static AcknowledgedSender create(MailProducerSettings settings, PublishObserver observer,
                                            MailTracing tracing) {
        return new AcknowledgedSender(new KafkaProducer<>(settings.producerProperties()), settings.publishTimeout(),
                observer, tracing);
    }

    public Duration timeout() {
        return timeout;
    }

    public PublishReceipt send(ProducerRecord<byte[], byte[]> record) throws PublishException {
        return sendAll(List.of(record)).getFirst();
    }

    /**
     * Sends the records back to back and then waits for every acknowledgement, all within one
     * publish timeout: one round trip's wait for the lot instead of one per record. Returns only
     * when every record is stored; a failure of any of them is a {@link PublishException}, and
     * then any of them may or may not have been stored.
     */
    public List<PublishReceipt> sendAll(List<ProducerRecord<byte[], byte[]>> records) throws PublishException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        List<PublishReceipt> receipts = new ArrayList<>(records.size());
        String topic = records.isEmpty() ? "" : records.getFirst().topic();
        try {
            for (ProducerRecord<byte[], byte[]> record : records) {
                topic = record.topic();
                tracing.inject(record.headers());
                acks.add(producer.send(record));
            }
            for (int i = 0; i < acks.size(); i++) {
                topic = records.get(i).topic();
                RecordMetadata metadata = acks.get(i).get(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                if (!metadata.hasOffset()) {
                    throw new PublishException(topic, false, "Kafka returned no offset for a record on " + topic, null);
                }
                observer.published(topic, Duration.ofNanos(System.nanoTime() - start), true);
                receipts.add(new PublishReceipt(metadata.topic(), metadata.partition(), metadata.offset()));
            }
            return receipts;
        } catch (TimeoutException e) {
            throw failure(topic, start, true, "no acknowledgement from Kafka within " + timeout, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            boolean timedOut = cause instanceof org.apache.kafka.common.errors.TimeoutException;
            throw failure(topic, start, timedOut, "Kafka did not take the record: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(topic, start, false, "interrupted while waiting for Kafka", e);
        } catch (KafkaException | IllegalStateException e) {
            // send() itself throws for a closed producer or a record it cannot serialize.
            throw failure(topic, start, false, "Kafka did not take the record: " + e.getMessage(), e);
        } catch (PublishException e) {
            observer.published(topic, Duration.ofNanos(System.nanoTime() - start), false);
            throw e;
        }
    }

    private PublishException failure(String topic, long start, boolean timedOut, String message, Throwable cause) {
        observer.published(topic, Duration.ofNanos(System.nanoTime() - start), false);
        return failure(topic, timedOut, message, cause);
    }

    private static PublishException failure(String topic, boolean timedOut, String message, Throwable cause) {
        log.warn("publish to {} failed: {}", topic, message);
        return new PublishException(topic, timedOut, message + " (topic " + topic + ")", cause);
    }

    /** Sends what is still buffered (at most a few seconds) and releases the producer. */
    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
