package org.mailplatform.reliability;

/**
 * What one attempt to send a message ended with, as the client saw it. Only a connection lost
 * after the message was handed over leaves the client unsure whether the server took it.
 */
enum SendOutcome {
    /** 250 after the end of the data: the server took responsibility (RFC 5321 4.1.1.4). */
    ACCEPTED,
    /** A 4xx reply: not taken, try again later. */
    TEMPORARY_REFUSAL,
    /** A 5xx reply: not taken, never will be. */
    PERMANENT_REFUSAL,
    /** No session (connection refused, greeting, STARTTLS or AUTH failed): nothing was sent. */
    NO_SESSION,
    /**
     * The connection broke or timed out during the transaction without a reply: the server may
     * have taken the message (its 250 lost with the connection), so a retry may legitimately make
     * a second copy (RFC 5321 6.1: the sender cannot tell).
     */
    UNCERTAIN
}
