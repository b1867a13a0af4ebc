package org.mailplatform.records.publish;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.mailplatform.records.MailHeaders;
import org.mailplatform.records.codec.RecordFormatException;
import org.mailplatform.records.topics.MailTopics;

/**
 * Moves a record that cannot be processed to {@value MailTopics#DEAD_LETTER}, byte for byte, with
 * where it came from and why. A consumer commits past the record only after this returned, so an
 * unreadable record is parked, never silently dropped.
 */
public final class DeadLetterPublisher {

    private final AcknowledgedSender sender;
    private final String consumer;
    private final DeadLetterListener listener;

    /** @param consumer the consumer group or service name recorded with each dead letter */
    public DeadLetterPublisher(AcknowledgedSender sender, String consumer) {
        this(sender, consumer, DeadLetterListener.NONE);
    }

    /** @param listener told about each parked record, e.g. for the message trace */
    public DeadLetterPublisher(AcknowledgedSender sender, String consumer, DeadLetterListener listener) {
        this.sender = sender;
        this.consumer = consumer;
        this.listener = listener;
    }

    public PublishReceipt publish(ConsumerRecord<byte[], byte[]> failed, Exception cause) throws PublishException {
        return publish(failed.topic(), failed.partition(), failed.offset(), failed.key(), failed.value(),
                failed.headers(), cause);
    }

    /**
     * Parks the record a plain {@code KafkaConsumer} could not deserialize; the consumer then seeks
     * past {@code e.offset()}.
     */
    public PublishReceipt publish(RecordDeserializationException e) throws PublishException {
        Exception cause = e.getCause() instanceof Exception inner ? inner : e;
        return publish(e.topicPartition().topic(), e.topicPartition().partition(), e.offset(), bytes(e.keyBuffer()),
                bytes(e.valueBuffer()), e.headers(), cause);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    /**
     * @param originalHeaders headers of the failed record, kept alongside the dead-letter headers; may be null
     */
    public PublishReceipt publish(String topic, int partition, long offset, byte[] key, byte[] value,
                                  Headers originalHeaders, Exception cause) throws PublishException {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(MailTopics.DEAD_LETTER, key, value);
        if (originalHeaders != null) {
            for (Header header : originalHeaders) {
                if (!header.key().startsWith("mail-dlt-")) {
                    out.headers().add(header.key(), header.value());
                }
            }
        }
        RecordHeaders.add(out, MailHeaders.DLT_TOPIC, topic);
        RecordHeaders.add(out, MailHeaders.DLT_PARTITION, Integer.toString(partition));
        RecordHeaders.add(out, MailHeaders.DLT_OFFSET, Long.toString(offset));
        RecordHeaders.add(out, MailHeaders.DLT_PROBLEM, problem(cause));
        RecordHeaders.add(out, MailHeaders.DLT_ERROR, cause == null ? null : String.valueOf(cause.getMessage()));
        RecordHeaders.add(out, MailHeaders.DLT_CONSUMER, consumer);
        PublishReceipt receipt = sender.send(out);
        Header queueId = originalHeaders == null ? null : originalHeaders.lastHeader(MailHeaders.QUEUE_ID);
        listener.parked(queueId == null ? null : new String(queueId.value(), StandardCharsets.UTF_8), topic,
                problem(cause), consumer);
        return receipt;
    }

    private static String problem(Exception cause) {
        Throwable t = cause;
        while (t != null) {
            if (t instanceof RecordFormatException format) {
                return format.problem().name();
            }
            t = t.getCause();
        }
        return cause == null ? "UNKNOWN" : cause.getClass().getName();
    }
}
