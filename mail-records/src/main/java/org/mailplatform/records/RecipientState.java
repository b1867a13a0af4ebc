package org.mailplatform.records;

/** Where delivery to one recipient stands; the MTA carries it through its retries. */
public enum RecipientState {
    /** Not yet delivered: never tried, or tried with a temporary failure. */
    PENDING,
    /** Delivered to the final mailbox. */
    DELIVERED,
    /** Handed to a server that does not support DSN (RFC 3461 5.2.2, action "relayed"). */
    RELAYED,
    /** Failed permanently or expired; its DSN has been produced. */
    FAILED;

    public boolean isFinal() {
        return this != PENDING;
    }
}
