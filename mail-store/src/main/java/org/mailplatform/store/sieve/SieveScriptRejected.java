package org.mailplatform.store.sieve;

/**
 * A script that is not stored, and why: each reason maps to a ManageSieve response code
 * (RFC 5804 1.3) and an HTTP status in the admin API.
 */
public final class SieveScriptRejected extends RuntimeException {

    /** Why a script was refused. */
    public enum Reason {
        /** RFC 5804 1.6: empty, too long, not UTF-8, or holding control characters. */
        INVALID_NAME,
        /** RFC 5804 1.3 QUOTA/MAXSIZE. */
        TOO_LARGE,
        /** RFC 5804 1.3 QUOTA/MAXSCRIPTS. */
        TOO_MANY,
        /** The validator found problems (RFC 5804 2.6: the script is not stored). */
        INVALID_SCRIPT
    }

    private final Reason reason;

    public SieveScriptRejected(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
