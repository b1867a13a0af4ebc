package org.mailplatform.records.publish;

import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.mailplatform.records.MailHeaders;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.codec.MailRecordCodec;

/**
 * Publishes a {@link MailRecord} and returns only once Kafka acknowledged it; the key is the queue
 * id, and the queue id and trace id are copied into headers.
 * <pre>{@code
 * try {
 *     publisher.publish(MailTopics.OUTBOUND, record);
 *     reply("250 2.0.0 Ok: queued as " + record.queueId());
 * } catch (PublishException e) {
 *     reply("451 4.3.0 Try again later");
 * }
 * }</pre>
 */
public final class MailRecordPublisher {

    private final AcknowledgedSender sender;

    public MailRecordPublisher(AcknowledgedSender sender) {
        this.sender = sender;
    }

    public PublishReceipt publish(String topic, MailRecord record) throws PublishException {
        return publish(topic, record.queueId(), record);
    }

    /** With a key other than the queue id. */
    public PublishReceipt publish(String topic, String key, MailRecord record) throws PublishException {
        return sender.send(producerRecord(topic, key, record));
    }

    /**
     * Records made by {@link #producerRecord}, sent back to back with one wait for all their
     * acknowledgements ({@link AcknowledgedSender#sendAll}); returns only when every one is stored.
     * The trace context current on this thread, if any, is written over each record's own; called
     * where none is current, every record keeps the context it was made with.
     */
    public List<PublishReceipt> publishAll(List<ProducerRecord<byte[], byte[]>> records) throws PublishException {
        return sender.sendAll(records);
    }

    /** The Kafka record {@link #publish} sends: the key, the encoded record, queue id and trace id headers. */
    public static ProducerRecord<byte[], byte[]> producerRecord(String topic, String key, MailRecord record) {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(topic, RecordHeaders.utf8(key),
                MailRecordCodec.encode(record));
        RecordHeaders.add(out, MailHeaders.QUEUE_ID, record.queueId());
        RecordHeaders.add(out, MailHeaders.TRACE_ID, record.envelope().traceId());
        return out;
    }
}
