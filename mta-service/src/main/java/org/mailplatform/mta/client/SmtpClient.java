package org.mailplatform.mta.client;

import java.net.InetSocketAddress;

import javax.net.ssl.X509TrustManager;

/**
 * Opens SMTP sessions to peers. One instance serves the whole service; sessions are used by one
 * thread at a time.
 */
public final class SmtpClient {

    private final SmtpClientSettings settings;
    private final ClientTls tls;
    private final SmtpClientListener listener;

    public SmtpClient(SmtpClientSettings settings, ClientTls tls, SmtpClientListener listener) {
        this.settings = settings;
        this.tls = tls;
        this.listener = listener == null ? SmtpClientListener.NONE : listener;
    }

    public SmtpClientSettings settings() {
        return settings;
    }

    /**
     * Connects, reads the greeting, says EHLO (HELO if refused), starts TLS as {@code policy} asks
     * and authenticates when {@code credentials} are given.
     *
     * @param peerName the host name the address belongs to (MX name, smart host); for SNI,
     *                 certificate checks and diagnostics
     * @throws SmtpClientException when no usable session came about; its outcome says whether
     *                             that is worth retrying
     */
    public SmtpClientSession connect(InetSocketAddress address, String peerName, TlsPolicy policy,
                                     Credentials credentials) throws SmtpClientException {
        try {
            return SmtpClientSession.open(address, peerName, policy, credentials, settings, tls, listener);
        } catch (SmtpClientException e) {
            if (e.tlsHandshakeFailed() && policy == TlsPolicy.MAY) {
                // Opportunistic TLS (RFC 7435 3): a failed handshake is no reason to withhold the mail;
                // try again in plaintext, as Postfix does at its "may" level.
                return SmtpClientSession.open(address, peerName, TlsPolicy.NONE, credentials, settings, tls, listener);
            }
            throw e;
        }
    }

    /**
     * Connects with mandatory STARTTLS whose certificate chain {@code peerCheck} alone judges (DANE,
     * RFC 7672 2.2 and 3.1): no plaintext fallback, no AUTH.
     */
    public SmtpClientSession connect(InetSocketAddress address, String peerName, X509TrustManager peerCheck)
            throws SmtpClientException {
        return SmtpClientSession.open(address, peerName, TlsPolicy.REQUIRE, null, settings, tls, listener, peerCheck);
    }
}
