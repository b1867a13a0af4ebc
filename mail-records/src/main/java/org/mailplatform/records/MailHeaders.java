package org.mailplatform.records;

/**
 * Kafka header names the publishers set, so tooling (kcat, consoles, log correlation) can follow a
 * message without decoding it. Values are UTF-8. The record value stays the one source of truth.
 */
public final class MailHeaders {

    /** Queue id of the message (mail topics, retry topics, delivery reports). */
    public static final String QUEUE_ID = "mail-queue-id";
    /** Trace id, when the record has one. */
    public static final String TRACE_ID = "mail-trace-id";
    /** Mailbox events: the replica that made the change, to skip its own echo without decoding. */
    public static final String EVENT_ORIGIN = "mail-event-origin";

    /** Dead letters: the topic the record was read from. */
    public static final String DLT_TOPIC = "mail-dlt-topic";
    /** Dead letters: its partition (decimal). */
    public static final String DLT_PARTITION = "mail-dlt-partition";
    /** Dead letters: its offset (decimal). */
    public static final String DLT_OFFSET = "mail-dlt-offset";
    /** Dead letters: the {@code RecordFormatException.Problem}, or the exception class name. */
    public static final String DLT_PROBLEM = "mail-dlt-problem";
    /** Dead letters: the error message. */
    public static final String DLT_ERROR = "mail-dlt-error";
    /** Dead letters: the consumer (group or service) that gave up on it. */
    public static final String DLT_CONSUMER = "mail-dlt-consumer";

    private MailHeaders() {
    }
}
