package org.mailplatform.smtp;

import java.net.InetSocketAddress;

import org.mailplatform.records.TlsInfo;

/**
 * What a policy may know about the session a transaction arrived on.
 *
 * @param listener     the listener's name (e.g. {@code submission}), null when unknown
 * @param localAddress the server's side of the connection, null when unknown
 */
public record SmtpSessionInfo(
        String sessionId,
        InetSocketAddress clientAddress,
        String heloName,
        boolean esmtp,
        TlsInfo tlsInfo,
        String authenticatedUser,
        String listener,
        InetSocketAddress localAddress) {

    public boolean tls() {
        return tlsInfo != null;
    }

    public boolean authenticated() {
        return authenticatedUser != null;
    }
}
