package org.mailplatform.mta.client;

/** What the client reports about its connections, for metrics. */
public interface SmtpClientListener {

    SmtpClientListener NONE = new SmtpClientListener() {
    };

    /** A TCP connection attempt ended; {@code success} when the peer accepted it. */
    default void connected(boolean success) {
    }

    /**
     * What became of TLS on a connection: {@code established}, {@code failed} (handshake),
     * {@code not_offered} (no STARTTLS in EHLO) or {@code refused} (STARTTLS answered with an error).
     */
    default void tls(String outcome) {
    }
}
