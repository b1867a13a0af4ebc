package org.mailplatform.mda.delivery;

import java.util.function.Supplier;

import org.mailplatform.records.MailRecord;
import org.slf4j.MDC;

/** Puts a record's queue id and trace id in the log context while a step of its delivery runs. */
final class DeliveryContext {

    private DeliveryContext() {
    }

    static <T> T call(MailRecord record, Supplier<T> step) {
        MDC.put(DeliveryRecordListener.MDC_QUEUE_ID, record.queueId());
        if (record.envelope().traceId() != null) {
            MDC.put(DeliveryRecordListener.MDC_TRACE_ID, record.envelope().traceId());
        }
        try {
            return step.get();
        } finally {
            MDC.remove(DeliveryRecordListener.MDC_QUEUE_ID);
            MDC.remove(DeliveryRecordListener.MDC_TRACE_ID);
        }
    }
}
