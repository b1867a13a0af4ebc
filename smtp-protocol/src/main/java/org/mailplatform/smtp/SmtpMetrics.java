package org.mailplatform.smtp;

/** The conversation's measurements; a service binds them to its meter registry. */
public interface SmtpMetrics {

    SmtpMetrics NONE = new SmtpMetrics() {
    };

    default void command(String verb) {
    }

    default void accepted(long bytes) {
    }

    default void rejected(String reason) {
    }

    default void authentication(String mechanism, boolean success) {
    }
}
