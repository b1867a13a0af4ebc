package org.mailplatform.imap.managesieve.session;

import java.time.Duration;

/**
 * The per-connection rules of ManageSieve.
 *
 * @param implementation         the IMPLEMENTATION capability (RFC 5804 1.7)
 * @param allowPlaintextAuth     AUTHENTICATE before STARTTLS (local development only; RFC 5804 2.1
 *                               and the platform's security defaults forbid PLAIN without TLS)
 * @param idleTimeout            autologout once authenticated
 * @param preAuthIdleTimeout     autologout before authentication
 * @param maxLineLength          longest line outside literals, CRLF excluded
 * @param maxPreAuthLiteral      largest literal before authentication (only SASL data is expected)
 * @param maxAuthFailures        failed AUTHENTICATEs on one connection before it is closed
 * @param maxCommandsBeforeLogin commands before authentication before the connection is closed
 * @param maxBadCommands         unknown or malformed commands before the connection is closed
 * @param maxRedirects           the MAXREDIRECTS capability (RFC 5804 1.7)
 */
public record ManageSieveSettings(String implementation, boolean allowPlaintextAuth, Duration idleTimeout,
                                  Duration preAuthIdleTimeout, int maxLineLength, int maxPreAuthLiteral,
                                  int maxAuthFailures, int maxCommandsBeforeLogin, int maxBadCommands,
                                  int maxRedirects) {

    public ManageSieveSettings {
        if (maxLineLength < 1024) {
            throw new IllegalArgumentException("RFC 5804 4: a line must hold a 1024-octet quoted string");
        }
        if (maxPreAuthLiteral < 1 || maxAuthFailures < 1 || maxCommandsBeforeLogin < 1 || maxBadCommands < 1
                || maxRedirects < 0) {
            throw new IllegalArgumentException("ManageSieve limits must be positive");
        }
    }

    public static ManageSieveSettings defaults() {
        return new ManageSieveSettings("mail-platform ManageSieve", false, Duration.ofMinutes(30), Duration.ofMinutes(2),
                8192, 8192, 3, 50, 10, 4);
    }

    public ManageSieveSettings withAllowPlaintextAuth(boolean allow) {
        return new ManageSieveSettings(implementation, allow, idleTimeout, preAuthIdleTimeout, maxLineLength,
                maxPreAuthLiteral, maxAuthFailures, maxCommandsBeforeLogin, maxBadCommands, maxRedirects);
    }
}
