package org.mailplatform.pop3;

import java.time.Duration;

import org.mailplatform.kernel.TlsMode;
import org.mailplatform.protocolservice.ServiceListeners;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailplatform.pop3.*}: the POP3 gateway. Its mail listeners are {@link #LISTENERS}.
 *
 * @param allowPlaintextAuth     USER/PASS and AUTH before TLS; local development only
 *                               ({@code mailplatform.local-dev=true} allows it too)
 * @param idleTimeout            RFC 1939 3 autologout, at least 10 minutes
 * @param maxLineLength          longest command line, CRLF excluded
 * @param maxAuthFailures        failed logins on one connection before it is closed
 * @param maxCommandsBeforeLogin commands in AUTHORIZATION before the connection is closed
 * @param maxLockedMaildrops     logged-in sessions per replica; each holds one database connection
 *                               for its maildrop lock, outside the application's pool
 * @param idleLockConnections    lock connections kept open, unlocked, for the next logins (opening
 *                               one costs more than the rest of a login); at most maxLockedMaildrops
 * @param replicaId              names this replica in mailbox events; default {@code pop3-gateway@$HOSTNAME}
 */
@ConfigurationProperties(prefix = "mailplatform.pop3")
public record Pop3Properties(
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue("false") boolean allowPlaintextAuth,
        @DefaultValue("10m") Duration idleTimeout,
        @DefaultValue("8192") int maxLineLength,
        @DefaultValue("3") int maxAuthFailures,
        @DefaultValue("50") int maxCommandsBeforeLogin,
        @DefaultValue("50") int maxLockedMaildrops,
        @DefaultValue("10") int idleLockConnections,
        String replicaId) {

    /**
     * {@code mailplatform.pop3.listeners.<name>.port|tls}, each property defaulting on its own: pop3 110
     * STARTTLS (STLS, RFC 2595), pop3s 995 implicit TLS (RFC 8314 3.3).
     */
    public static final ServiceListeners LISTENERS = ServiceListeners.under("mailplatform.pop3")
            .listener("pop3", 110, TlsMode.STARTTLS)
            .listener("pop3s", 995, TlsMode.IMPLICIT);
}
