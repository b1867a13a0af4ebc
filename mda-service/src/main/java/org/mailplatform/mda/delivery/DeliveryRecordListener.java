package org.mailplatform.mda.delivery;

import java.time.Instant;

import org.mailplatform.records.MailRecord;
import org.mailplatform.records.consume.BatchHandler;
import org.mailplatform.records.consume.Consumed;
import org.mailplatform.records.tracing.MailSpan;
import org.mailplatform.records.tracing.MailTracing;
import org.slf4j.MDC;

/**
 * Delivers one record of {@code mail.delivery} with the queue id and trace id in the log context.
 * Returning normally lets the consumer commit the offset; throwing has the record processed again
 * (see {@link DeliveryErrorHandler}). A value that is not a mail record never gets here: the
 * consumer runtime parks it on the dead-letter topic. With tracing on, the delivery is a span
 * ({@value #SPAN_NAME}) in the message's trace, and the mailbox events it publishes carry its
 * context to the IMAP gateways.
 */
public final class DeliveryRecordListener implements BatchHandler.RecordHandler<MailRecord> {

    /** MDC keys, printed by {@code logging.pattern.correlation}. */
    public static final String MDC_QUEUE_ID = "queueId";
    public static final String MDC_TRACE_ID = "traceId";

    public static final String SPAN_NAME = "mda.store";

    private final DeliveryProcessor processor;
    private final MailTracing tracing;

    public DeliveryRecordListener(DeliveryProcessor processor, MailTracing tracing) {
        this.tracing = tracing;
        this.processor = processor;
    }

    @Override
    public void handle(Consumed<MailRecord> record) {
        MailRecord mail = record.value();
        MDC.put(MDC_QUEUE_ID, mail.queueId());
        if (mail.envelope().traceId() != null) {
            MDC.put(MDC_TRACE_ID, mail.envelope().traceId());
        }
        MailSpan span = tracing.consume(SPAN_NAME, record.raw().headers()).tag(MailSpan.QUEUE_ID, mail.queueId())
                .tagMessageId(mail.message())
                .tag("mail.recipients", String.valueOf(mail.envelope().recipients().size()));
        try (MailSpan.MailScope scope = span.inScope()) {
            processor.process(mail, Instant.ofEpochMilli(record.raw().timestamp()));
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
            MDC.remove(MDC_QUEUE_ID);
            MDC.remove(MDC_TRACE_ID);
        }
    }
}
