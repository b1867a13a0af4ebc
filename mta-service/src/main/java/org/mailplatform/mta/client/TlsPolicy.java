package org.mailplatform.mta.client;

/**
 * What the client demands of TLS on a connection, after Postfix's security levels.
 */
public enum TlsPolicy {
    /** Never STARTTLS. */
    NONE,
    /**
     * Opportunistic (RFC 7435, RFC 3207): STARTTLS when the peer offers it, any certificate
     * accepted; a failed handshake is retried in plaintext. The default for MX delivery, where
     * certificates are rarely verifiable (RFC 7672 1.3).
     */
    MAY,
    /** STARTTLS is mandatory, the certificate is not checked (Postfix {@code encrypt}). */
    REQUIRE,
    /**
     * STARTTLS is mandatory and the certificate must chain to a trusted CA and name the host
     * (RFC 6125); for a smart host whose name is configured.
     */
    VERIFY;

    public boolean mandatory() {
        return this == REQUIRE || this == VERIFY;
    }
}
