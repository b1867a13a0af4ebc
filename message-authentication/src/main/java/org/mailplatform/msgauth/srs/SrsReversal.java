package org.mailplatform.msgauth.srs;

import java.util.Locale;

/** What an SRS address turned back into. */
public sealed interface SrsReversal {

    /** The address one forwarding step back: the original sender, or (from SRS1) the first forwarder's SRS0 address. */
    record Reversed(String address) implements SrsReversal {
    }

    record Refused(Reason reason) implements SrsReversal {
    }

    enum Reason {
        /** The local part says SRS0 or SRS1 but its fields are missing. */
        MALFORMED("not a well-formed SRS address"),
        /** No secret gives this hash: forged, or made with a secret no longer configured. */
        BAD_HASH("SRS hash does not match"),
        /** The day stamp is older than the configured maximum age (or unreadable). */
        EXPIRED("SRS address has expired");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        /** For a reply text. */
        public String text() {
            return text;
        }

        /** The value of a metric's {@code reason} tag. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
