package org.mailplatform.pop3.session;

import java.time.Duration;

/**
 * The per-session rules.
 *
 * @param hostname                the name in the greeting
 * @param allowPlaintextAuth      USER/PASS and AUTH before TLS (local development only; RFC 2595 4 and
 *                                the platform's security defaults forbid it otherwise)
 * @param idleTimeout             RFC 1939 3: the autologout timer, at least 10 minutes
 * @param maxLineLength           longest command line accepted, CRLF excluded (an AUTH PLAIN line with
 *                                a long password is far above RFC 2449 4's 255 octets)
 * @param maxAuthFailures         failed logins on one connection before it is closed
 * @param maxCommandsBeforeLogin  commands accepted in AUTHORIZATION before the connection is closed
 */
public record Pop3Settings(String hostname, boolean allowPlaintextAuth, Duration idleTimeout, int maxLineLength,
                           int maxAuthFailures, int maxCommandsBeforeLogin) {

    /** RFC 1939 3: an autologout timer MUST be of at least 10 minutes' duration. */
    public static final Duration MIN_IDLE_TIMEOUT = Duration.ofMinutes(10);

    public Pop3Settings {
        if (idleTimeout.compareTo(MIN_IDLE_TIMEOUT) < 0) {
            throw new IllegalArgumentException("RFC 1939 3: the POP3 idle timeout must be at least 10 minutes");
        }
        if (maxLineLength < 255) {
            throw new IllegalArgumentException("RFC 2449 4: command lines of 255 octets must be accepted");
        }
        if (maxAuthFailures < 1 || maxCommandsBeforeLogin < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static Pop3Settings defaults(String hostname) {
        return new Pop3Settings(hostname, false, MIN_IDLE_TIMEOUT, 8192, 3, 50);
    }

    public Pop3Settings withAllowPlaintextAuth(boolean allow) {
        return new Pop3Settings(hostname, allow, idleTimeout, maxLineLength, maxAuthFailures, maxCommandsBeforeLogin);
    }
}
