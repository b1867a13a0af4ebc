package org.mailplatform.records.publish;

/**
 * Kafka did not acknowledge a record within the publish timeout, or refused it. The record may or
 * may not be stored; the caller must treat the message as not accepted (SMTP: 451 4.3.0).
 */
public final class PublishException extends Exception {

    private final String topic;
    private final boolean timedOut;

    public PublishException(String topic, boolean timedOut, String message, Throwable cause) {
        super(message, cause);
        this.topic = topic;
        this.timedOut = timedOut;
    }

    public String topic() {
        return topic;
    }

    /** Whether the wait ran out (as opposed to an error reported by the client or broker). */
    public boolean timedOut() {
        return timedOut;
    }
}
