package org.mailplatform.mda.delivery;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.codec.MailRecordCodec;
import org.mailplatform.records.publish.DeadLetterPublisher;
import org.mailplatform.records.publish.PublishException;
import org.mailplatform.records.tracing.MailSpan;
import org.mailplatform.records.tracing.MailTracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.listener.MessageListener;

/**
 * Takes one record of {@code mail.delivery}: decodes it and has it delivered with the queue id and
 * trace id in the log context. A value that is not a mail record is parked on the dead-letter
 * topic and the partition moves on. Returning normally lets the container commit the offset;
 * throwing has the record processed again (see {@link DeliveryErrorHandler}). With tracing on,
 * the delivery is a span ({@value #SPAN_NAME}) in the message's trace, and the mailbox events it
 * publishes carry its context to the IMAP gateways.
 */
public final class DeliveryRecordListener implements MessageListener<byte[], byte[]> {

    /** MDC keys, printed by {@code logging.pattern.correlation}. */
    public static final String MDC_QUEUE_ID = "queueId";
    public static final String MDC_TRACE_ID = "traceId";

    public static final String SPAN_NAME = "mda.store";

    private static final Logger log = LoggerFactory.getLogger(DeliveryRecordListener.class);

    private final DeliveryProcessor processor;
    private final DeadLetterPublisher deadLetters;
    private final DeliveryMetrics metrics;
    private final MailTracing tracing;

    public DeliveryRecordListener(DeliveryProcessor processor, DeadLetterPublisher deadLetters,
                                  DeliveryMetrics metrics, MailTracing tracing) {
        this.tracing = tracing;
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Override
    public void onMessage(ConsumerRecord<byte[], byte[]> record) {
        MailRecord mail;
        try {
            mail = MailRecordCodec.decode(record.value());
        } catch (SerializationException e) {
            park(record, e);
            return;
        }
        MDC.put(MDC_QUEUE_ID, mail.queueId());
        if (mail.envelope().traceId() != null) {
            MDC.put(MDC_TRACE_ID, mail.envelope().traceId());
        }
        MailSpan span = tracing.consume(SPAN_NAME, record.headers()).tag(MailSpan.QUEUE_ID, mail.queueId())
                .tagMessageId(mail.message())
                .tag("mail.recipients", String.valueOf(mail.envelope().recipients().size()));
        try (MailSpan.MailScope scope = span.inScope()) {
            processor.process(mail, Instant.ofEpochMilli(record.timestamp()));
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
            MDC.remove(MDC_QUEUE_ID);
            MDC.remove(MDC_TRACE_ID);
        }
    }

    /** Moves a value that is not a mail record to the dead-letter topic. */
    void park(ConsumerRecord<byte[], byte[]> record, SerializationException e) {
        log.warn("{}-{} offset {} is not a mail record ({}); moving it to the dead-letter topic",
                record.topic(), record.partition(), record.offset(), e.getMessage());
        try {
            deadLetters.publish(record, e);
        } catch (PublishException failed) {
            throw new FollowUpFailedException("dead letter not acknowledged", failed);
        }
        metrics.undecodable();
    }
}
