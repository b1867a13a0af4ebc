package org.mailplatform.mta.outbound;

import java.util.Map;

import org.mailplatform.records.MailRecord;

/**
 * A message taken from {@code mail.outbound} or a retry topic.
 *
 * @param delayWarned  a delay DSN already went out for it (RFC 3461 4.1: at most one per message here)
 * @param traceCarrier the trace context its record carried, for the spans of this round (empty when tracing is off)
 */
public record QueuedMessage(MailRecord record, boolean delayWarned, Map<String, String> traceCarrier) {

    public QueuedMessage {
        traceCarrier = Map.copyOf(traceCarrier);
    }

    public QueuedMessage(MailRecord record, boolean delayWarned) {
        this(record, delayWarned, Map.of());
    }
}
