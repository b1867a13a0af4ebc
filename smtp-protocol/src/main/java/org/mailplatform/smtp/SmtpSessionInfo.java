package org.mailplatform.smtp;

import java.net.InetSocketAddress;

import org.mailplatform.records.TlsInfo;

/** What a policy may know about the session a transaction arrived on. */
public record SmtpSessionInfo(
        String sessionId,
        InetSocketAddress clientAddress,
        String heloName,
        boolean esmtp,
        TlsInfo tlsInfo,
        String authenticatedUser) {

    public boolean tls() {
        return tlsInfo != null;
    }

    public boolean authenticated() {
        return authenticatedUser != null;
    }
}
