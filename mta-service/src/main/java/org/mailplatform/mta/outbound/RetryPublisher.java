package org.mailplatform.mta.outbound;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.mailplatform.records.MailHeaders;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.codec.MailRecordCodec;
import org.mailplatform.records.publish.AcknowledgedSender;
import org.mailplatform.records.publish.PublishException;
import org.mailplatform.records.publish.PublishReceipt;
import org.mailplatform.records.topics.RetryTier;

/**
 * Puts a message on a retry topic, keyed by queue id, with one MTA-internal Kafka header
 * ({@value #DELAY_WARNED}) remembering that its delay DSN was sent. The retry topics are read only
 * by the MTA, so the envelope format needs no field for it.
 */
public final class RetryPublisher {

    /** Present (value "1") when the delay DSN for the message has gone out. */
    public static final String DELAY_WARNED = "mail-delay-warned";

    private final AcknowledgedSender sender;

    public RetryPublisher(AcknowledgedSender sender) {
        this.sender = sender;
    }

    public PublishReceipt publish(RetryTier tier, MailRecord record, boolean delayWarned) throws PublishException {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(tier.topic(),
                record.queueId().getBytes(StandardCharsets.UTF_8), MailRecordCodec.encode(record));
        header(out, MailHeaders.QUEUE_ID, record.queueId());
        header(out, MailHeaders.TRACE_ID, record.envelope().traceId());
        if (delayWarned) {
            header(out, DELAY_WARNED, "1");
        }
        return sender.send(out);
    }

    public static boolean delayWarned(Headers headers) {
        Header header = headers.lastHeader(DELAY_WARNED);
        return header != null && "1".equals(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static void header(ProducerRecord<byte[], byte[]> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
