package org.mailplatform.imap.session;

import java.time.Duration;

import org.mailplatform.imap.protocol.ImapParserLimits;

/**
 * How the gateway behaves towards clients.
 *
 * @param allowPlaintextAuth LOGIN and AUTHENTICATE PLAIN before TLS (local development only)
 * @param limits             the command reader's limits once logged in; APPENDLIMIT is their
 *                           largest APPEND literal (RFC 7889)
 * @param preAuthLimits      the command reader's limits before login
 * @param idleTimeout        the autologout timer once logged in: RFC 9051 5.4 asks for at least 30 minutes
 * @param preAuthIdleTimeout the autologout timer before login, which may be shorter (RFC 9051 5.4)
 * @param replicaId          this replica's name in mailbox events, so it can skip its own
 */
public record ImapSettings(
        boolean allowPlaintextAuth,
        ImapParserLimits limits,
        ImapParserLimits preAuthLimits,
        Duration idleTimeout,
        Duration preAuthIdleTimeout,
        String replicaId) {

    public long appendLimit() {
        return limits.maxAppendLiteralSize();
    }
}
