package org.mailplatform.records.tracing;

import java.time.Instant;
import java.util.Map;

import org.apache.kafka.common.header.Headers;

/**
 * Starts the spans of a message's path and carries their context in Kafka record headers.
 * <pre>{@code
 * MailSpan span = tracing.consume("mda.store", record.headers()).tag(MailSpan.QUEUE_ID, queueId);
 * try (MailSpan.MailScope scope = span.inScope()) {
 *     store(...);            // records published here continue the trace
 * } finally {
 *     span.end();
 * }
 * }</pre>
 */
public interface MailTracing {

    /** Tracing switched off: no spans, no headers, no work. */
    MailTracing OFF = NoMailTracing.INSTANCE;

    /**
     * A span for work a client asked for (an SMTP transaction), as a child of the thread's current
     * span or the root of a new trace, begun at {@code startedAt} (e.g. when MAIL was accepted).
     */
    MailSpan receive(String name, Instant startedAt);

    /** A span for a record taken from Kafka, in the trace whose context {@code carrier} holds (a new one if none). */
    MailSpan consume(String name, Map<String, String> carrier);

    default MailSpan consume(String name, Headers headers) {
        return consume(name, carrier(headers));
    }

    /** A span for a call to another system made on behalf of {@code parent} (a remote SMTP delivery). */
    MailSpan call(MailSpan parent, String name, Instant startedAt);

    /** The trace context a record's headers carry, to continue it later (empty when there is none). */
    Map<String, String> carrier(Headers headers);

    /** Writes the calling thread's current trace context into an outgoing record's headers. */
    void inject(Headers headers);
}
