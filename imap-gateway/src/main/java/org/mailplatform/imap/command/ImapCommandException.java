package org.mailplatform.imap.command;

import org.mailplatform.imap.protocol.ImapStatus;
import org.mailplatform.imap.protocol.ResponseCode;

/**
 * A command that ends in a tagged NO or BAD (RFC 9051 7.1.2, 7.1.3). Commands throw it; the
 * dispatcher turns it into the reply, in one place.
 */
public abstract sealed class ImapCommandException extends Exception
        permits ImapCommandException.No, ImapCommandException.Bad {

    private static final long serialVersionUID = 1L;

    private final transient ResponseCode code;

    private ImapCommandException(ResponseCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public abstract ImapStatus status();

    /** The response code of the reply, or null. */
    public ResponseCode code() {
        return code;
    }

    public static No no(ResponseCode code, String message) {
        return new No(code, message);
    }

    public static Bad bad(ResponseCode code, String message) {
        return new Bad(code, message);
    }

    public static Bad bad(String message) {
        return new Bad(null, message);
    }

    /** The command was understood but failed: tagged NO. */
    public static final class No extends ImapCommandException {
        private static final long serialVersionUID = 1L;

        No(ResponseCode code, String message) {
            super(code, message);
        }

        @Override
        public ImapStatus status() {
            return ImapStatus.NO;
        }
    }

    /** The command was not acceptable (syntax, state, arguments): tagged BAD. */
    public static final class Bad extends ImapCommandException {
        private static final long serialVersionUID = 1L;

        Bad(ResponseCode code, String message) {
            super(code, message);
        }

        @Override
        public ImapStatus status() {
            return ImapStatus.BAD;
        }
    }
}
