package org.mailplatform.imap.config;

import java.time.Duration;

import org.mailplatform.kernel.TlsMode;
import org.mailplatform.protocolservice.ServiceListeners;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code mailplatform.imap.*}: the IMAP gateway. Its mail listeners are {@link #LISTENERS}.
 *
 * @param allowPlaintextAuth LOGIN and AUTHENTICATE before TLS; local development only
 *                           ({@code mailplatform.local-dev=true} has the same effect)
 * @param idleTimeout        autologout once logged in (RFC 9051 5.4: at least 30 minutes)
 * @param preAuthIdleTimeout autologout before login
 * @param maxAppendSize      largest APPEND literal, advertised as APPENDLIMIT (RFC 7889)
 * @param maxLiteralSize     largest literal in any other command
 * @param maxLineLength      longest command line outside literals (RFC 7162 4 asks for 8192 at least)
 * @param replicaId          this replica's name in mailbox events (it skips its own); a random one by default
 * @param events             consume {@code mailbox.events} to push other replicas' changes
 * @param maxConnectionsPerUserAndAddress logged-in connections of one account from one client address on this
 *                           replica (as Dovecot's mail_max_userip_connections); past it LOGIN and AUTHENTICATE
 *                           answer {@code NO [LIMIT]}; 0 is no limit
 */
@ConfigurationProperties(prefix = "mailplatform.imap")
public record ImapProperties(
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue("false") boolean allowPlaintextAuth,
        @DefaultValue("30m") Duration idleTimeout,
        @DefaultValue("2m") Duration preAuthIdleTimeout,
        @DefaultValue("25MB") DataSize maxAppendSize,
        @DefaultValue("1MB") DataSize maxLiteralSize,
        @DefaultValue("64KB") DataSize maxLineLength,
        String replicaId,
        @DefaultValue("true") boolean events,
        @DefaultValue("10") int maxConnectionsPerUserAndAddress) {

    /** The ManageSieve listener's name; the other listeners speak IMAP. */
    public static final String MANAGESIEVE_LISTENER = "sieve";

    /**
     * {@code mailplatform.imap.listeners.<name>.port|tls}, each property defaulting on its own: imap 143
     * STARTTLS (RFC 9051 6.2.1), imaps 993 implicit TLS (RFC 8314 3.3), and sieve 4190 STARTTLS, which
     * speaks ManageSieve (RFC 5804 1.8, 2.2) instead of IMAP.
     */
    public static final ServiceListeners LISTENERS = ServiceListeners.under("mailplatform.imap")
            .listener("imap", 143, TlsMode.STARTTLS)
            .listener("imaps", 993, TlsMode.IMPLICIT)
            .listener(MANAGESIEVE_LISTENER, 4190, TlsMode.STARTTLS);
}
