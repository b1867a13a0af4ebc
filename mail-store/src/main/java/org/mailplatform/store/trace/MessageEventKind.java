package org.mailplatform.store.trace;

import java.util.Locale;

/** What happened to a message at one point of its way. */
public enum MessageEventKind {
    /** A service said 250 to the message's client: the platform took responsibility (RFC 5321 6.1). */
    ACCEPTED,
    /** A remote server took the message for a recipient. */
    RELAYED,
    /** An attempt failed temporarily; the message waits for its next one. */
    DEFERRED,
    /** The recipient failed for good; a DSN went to the sender when one was due. */
    BOUNCED,
    /** A copy was stored in a local mailbox. */
    DELIVERED,
    /** The record could not be processed and was parked on the dead-letter topic. */
    DEAD_LETTERED;

    /** The name stored and shown: lower case, words joined by '-'. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static MessageEventKind ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
