package org.mailplatform.mta.client;

/**
 * The session with a peer failed as a whole (no connection, refusing greeting, TLS or AUTH
 * failure, lost connection): the outcome applies to every recipient it was to carry.
 */
public final class SmtpClientException extends Exception {

    private final transient DeliveryOutcome outcome;
    private final boolean tlsHandshakeFailed;

    public SmtpClientException(DeliveryOutcome outcome) {
        this(outcome, false, null);
    }

    SmtpClientException(DeliveryOutcome outcome, boolean tlsHandshakeFailed, Throwable cause) {
        super(outcome.diagnostic(), cause);
        this.outcome = outcome;
        this.tlsHandshakeFailed = tlsHandshakeFailed;
    }

    public DeliveryOutcome outcome() {
        return outcome;
    }

    public boolean permanent() {
        return outcome.isPermanent();
    }

    /** The STARTTLS handshake failed; opportunistic TLS may retry in plaintext. */
    public boolean tlsHandshakeFailed() {
        return tlsHandshakeFailed;
    }
}
