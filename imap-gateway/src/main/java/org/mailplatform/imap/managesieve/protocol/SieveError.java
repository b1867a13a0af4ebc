package org.mailplatform.imap.managesieve.protocol;

/**
 * A refusal: {@code NO} (the connection goes on) or {@code BYE} (the server closes it), with an
 * optional response code (RFC 5804 1.3). Commands throw it; the dispatcher writes it in one place.
 */
public final class SieveError extends Exception {

    private final boolean bye;
    private final String code;

    private SieveError(boolean bye, String code, String text) {
        super(text, null, false, false);
        this.bye = bye;
        this.code = code;
    }

    public static SieveError no(String text) {
        return new SieveError(false, null, text);
    }

    /** {@code code} is the response code as sent, e.g. {@code NONEXISTENT} or {@code QUOTA/MAXSIZE}. */
    public static SieveError no(String code, String text) {
        return new SieveError(false, code, text);
    }

    public static SieveError bye(String text) {
        return new SieveError(true, null, text);
    }

    public boolean isBye() {
        return bye;
    }

    public String code() {
        return code;
    }

    public String text() {
        return getMessage();
    }

    /** The response line with its CRLF. */
    public String toReply() {
        return SieveResponses.response(bye ? "BYE" : "NO", code, getMessage());
    }
}
