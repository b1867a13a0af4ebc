package org.mailplatform.imap.command;

import org.mailplatform.imap.protocol.ResponseCode;

/**
 * How a command that ran to its end completes: the tagged OK with its code and text. A command
 * that goes on over further client lines (AUTHENTICATE, IDLE) or that wrote its own completion
 * (STARTTLS, LOGOUT) returns {@link #deferred()}.
 */
public record Completion(ResponseCode code, String text, boolean isDeferred) {

    private static final Completion DEFERRED = new Completion(null, null, true);

    public static Completion ok(String text) {
        return new Completion(null, text, false);
    }

    public static Completion ok(ResponseCode code, String text) {
        return new Completion(code, text, false);
    }

    /** No tagged reply now: the command completes later or has already replied. */
    public static Completion deferred() {
        return DEFERRED;
    }
}
