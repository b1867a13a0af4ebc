package org.mailplatform.records.codec;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record value that cannot be read. Never retried: the consumer sends the record to the
 * dead-letter topic and moves on. A Kafka consumer surfaces it as the cause of
 * {@link org.apache.kafka.common.errors.RecordDeserializationException}, which names the partition
 * and offset to skip.
 */
public class RecordFormatException extends SerializationException {

    /** Why the record could not be read. */
    public enum Problem {
        /** No value (a tombstone) where a record was expected. */
        EMPTY,
        /** The first four bytes are not this record type's magic. */
        BAD_MAGIC,
        /** A frame or header version newer than this reader knows. */
        UNSUPPORTED_VERSION,
        /** Shorter than its header length says. */
        TRUNCATED,
        /** The header is not valid JSON of the expected shape. */
        MALFORMED_HEADER,
        /** The header parses but breaks a rule of the record type (missing or invalid field). */
        INVALID_HEADER
    }

    private final Problem problem;

    public RecordFormatException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public RecordFormatException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
