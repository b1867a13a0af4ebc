package org.mailplatform.records.tracing;

/** One step of a message's path. Ended exactly once, by the code that started it. */
public interface MailSpan {

    /** The message's queue id, on every span of its trace. */
    String QUEUE_ID = "mail.queue_id";
    /** The message's Message-ID field (RFC 5322 3.6.4), where the step sees the message. */
    String MESSAGE_ID = "mail.message_id";

    /** Adds a tag; a null value adds nothing. */
    MailSpan tag(String key, String value);

    /**
     * Tags {@link #MESSAGE_ID} from the raw message's header section; with tracing off the
     * message is not even looked at.
     */
    MailSpan tagMessageId(byte[] message);

    /** Marks the step failed. */
    void error(Throwable cause);

    /**
     * Makes this the current span of the calling thread until the scope closes, so records
     * published meanwhile carry its context. The scope is closed on the thread that opened it.
     */
    MailScope inScope();

    void end();

    /** The current span of a thread, while it is: closing it restores the previous one. */
    @FunctionalInterface
    interface MailScope extends AutoCloseable {
        @Override
        void close();
    }
}
