package org.mailplatform.imap.protocol;

/**
 * An argument that does not match the grammar the command expects. The command layer answers it
 * with a tagged BAD (RFC 9051 7.1.3), carrying {@link #code()} when there is one.
 */
public final class ImapSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ResponseCode code;

    public ImapSyntaxException(String message) {
        this(null, message);
    }

    public ImapSyntaxException(ResponseCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The response code for the BAD reply, or null. */
    public ResponseCode code() {
        return code;
    }
}
