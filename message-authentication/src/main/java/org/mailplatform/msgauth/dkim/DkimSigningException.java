package org.mailplatform.msgauth.dkim;

/**
 * A message that cannot be signed. {@link #reason()} is a short fixed word for metrics
 * (malformed, no_from, internal); the message says what is wrong without quoting the message.
 */
public final class DkimSigningException extends RuntimeException {

    private final String reason;

    public DkimSigningException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DkimSigningException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
