package org.mailplatform.smtp;

import java.time.Duration;

/**
 * Limits and offered extensions of one SMTP service.
 *
 * @param hostname              the name in the greeting, EHLO reply and Received fields
 * @param maxMessageSize        SIZE (RFC 1870); also the largest Kafka record
 * @param maxRecipients         per transaction; past it 452 4.5.3 (RFC 5321 4.5.3.1.8 asks for at least 100)
 * @param commandLineLimit      command line length incl. CRLF (RFC 5321 4.5.3.1.4 minimum 512; RFC 4954 4 asks 12288 for AUTH)
 * @param dataLineLimit         text line length in DATA (RFC 5321 4.5.3.1.6 minimum 1000)
 * @param maxErrors             error replies before the server gives up on the client with 421
 * @param offerAuth             AUTH PLAIN/LOGIN offered (submission)
 * @param requireAuth           MAIL needs a successful AUTH first (RFC 6409 4.3, RFC 4954 6: 530 5.7.0)
 * @param allowPlaintextAuth    AUTH before TLS (local development only)
 * @param idleTimeout           RFC 5321 4.5.3.2.7: at least five minutes
 * @param forbidUnauthPipelining a command sent before the reply to the previous one without PIPELINING from
 *                              EHLO (RFC 2920 3.1), or anything sent before the greeting, gets 554 5.5.0 and the
 *                              connection closes
 * @param greetingDelay         how long the server waits before its greeting, so that a client talking first
 *                              shows itself; zero sends the greeting at once
 * @param maxCommandsBeforeAuth where AUTH is required: commands a client may send before it authenticates;
 *                              past it 421 4.7.0 and the connection closes; 0 is no limit
 * @param maxJunkCommands       NOOP, RSET, VRFY, EXPN and HELP a client may send between two accepted messages
 *                              (as Postfix's smtpd_junk_command_limit); past it 421 4.7.0 and the connection
 *                              closes; 0 is no limit
 */
public record SmtpSettings(
        String hostname,
        long maxMessageSize,
        int maxRecipients,
        int commandLineLimit,
        int dataLineLimit,
        int maxErrors,
        boolean offerAuth,
        boolean requireAuth,
        boolean allowPlaintextAuth,
        Duration idleTimeout,
        boolean forbidUnauthPipelining,
        Duration greetingDelay,
        int maxCommandsBeforeAuth,
        int maxJunkCommands) {

    public static final long DEFAULT_MAX_MESSAGE_SIZE = 25L * 1024 * 1024;
    /** As Postfix's smtpd_hard_error_limit. */
    public static final int DEFAULT_MAX_ERRORS = 20;
    /** A client needs four (EHLO, STARTTLS, EHLO, AUTH); the rest is room for retries and NOOPs. */
    public static final int DEFAULT_MAX_COMMANDS_BEFORE_AUTH = 20;
    /** As Postfix's smtpd_junk_command_limit. */
    public static final int DEFAULT_MAX_JUNK_COMMANDS = 100;

    public SmtpSettings {
        if (maxErrors < 1) {
            throw new IllegalArgumentException("maxErrors must be at least 1: " + maxErrors);
        }
        if (maxJunkCommands < 0) {
            throw new IllegalArgumentException("maxJunkCommands must not be negative: " + maxJunkCommands);
        }
        if (maxCommandsBeforeAuth < 0) {
            throw new IllegalArgumentException("maxCommandsBeforeAuth must not be negative: " + maxCommandsBeforeAuth);
        }
        if (greetingDelay == null || greetingDelay.isNegative()) {
            throw new IllegalArgumentException("greetingDelay must be zero or positive: " + greetingDelay);
        }
    }

    public static SmtpSettings submission(String hostname) {
        return new SmtpSettings(hostname, DEFAULT_MAX_MESSAGE_SIZE, 100, 12288, 65536, DEFAULT_MAX_ERRORS,
                true, true, false, Duration.ofMinutes(5), true, Duration.ZERO, DEFAULT_MAX_COMMANDS_BEFORE_AUTH,
                DEFAULT_MAX_JUNK_COMMANDS);
    }

    public static SmtpSettings transfer(String hostname) {
        return new SmtpSettings(hostname, DEFAULT_MAX_MESSAGE_SIZE, 100, 4096, 65536, DEFAULT_MAX_ERRORS,
                false, false, false, Duration.ofMinutes(5), true, Duration.ZERO, 0, DEFAULT_MAX_JUNK_COMMANDS);
    }

    public SmtpSettings withMaxMessageSize(long size) {
        return new SmtpSettings(hostname, size, maxRecipients, commandLineLimit, dataLineLimit, maxErrors,
                offerAuth, requireAuth, allowPlaintextAuth, idleTimeout, forbidUnauthPipelining, greetingDelay,
                maxCommandsBeforeAuth, maxJunkCommands);
    }

    public SmtpSettings withMaxRecipients(int n) {
        return new SmtpSettings(hostname, maxMessageSize, n, commandLineLimit, dataLineLimit, maxErrors,
                offerAuth, requireAuth, allowPlaintextAuth, idleTimeout, forbidUnauthPipelining, greetingDelay,
                maxCommandsBeforeAuth, maxJunkCommands);
    }

    public SmtpSettings withAllowPlaintextAuth(boolean allow) {
        return new SmtpSettings(hostname, maxMessageSize, maxRecipients, commandLineLimit, dataLineLimit, maxErrors,
                offerAuth, requireAuth, allow, idleTimeout, forbidUnauthPipelining, greetingDelay,
                maxCommandsBeforeAuth, maxJunkCommands);
    }

    public SmtpSettings withIdleTimeout(Duration timeout) {
        return new SmtpSettings(hostname, maxMessageSize, maxRecipients, commandLineLimit, dataLineLimit, maxErrors,
                offerAuth, requireAuth, allowPlaintextAuth, timeout, forbidUnauthPipelining, greetingDelay,
                maxCommandsBeforeAuth, maxJunkCommands);
    }

    public SmtpSettings withMaxErrors(int n) {
        return new SmtpSettings(hostname, maxMessageSize, maxRecipients, commandLineLimit, dataLineLimit, n,
                offerAuth, requireAuth, allowPlaintextAuth, idleTimeout, forbidUnauthPipelining, greetingDelay,
                maxCommandsBeforeAuth, maxJunkCommands);
    }

    public SmtpSettings withForbidUnauthPipelining(boolean forbid) {
        return new SmtpSettings(hostname, maxMessageSize, maxRecipients, commandLineLimit, dataLineLimit, maxErrors,
                offerAuth, requireAuth, allowPlaintextAuth, idleTimeout, forbid, greetingDelay,
                maxCommandsBeforeAuth, maxJunkCommands);
    }

    public SmtpSettings withGreetingDelay(Duration delay) {
        return new SmtpSettings(hostname, maxMessageSize, maxRecipients, commandLineLimit, dataLineLimit, maxErrors,
                offerAuth, requireAuth, allowPlaintextAuth, idleTimeout, forbidUnauthPipelining, delay,
                maxCommandsBeforeAuth, maxJunkCommands);
    }

    public SmtpSettings withMaxCommandsBeforeAuth(int n) {
        return new SmtpSettings(hostname, maxMessageSize, maxRecipients, commandLineLimit, dataLineLimit, maxErrors,
                offerAuth, requireAuth, allowPlaintextAuth, idleTimeout, forbidUnauthPipelining, greetingDelay, n,
                maxJunkCommands);
    }

    public SmtpSettings withMaxJunkCommands(int n) {
        return new SmtpSettings(hostname, maxMessageSize, maxRecipients, commandLineLimit, dataLineLimit, maxErrors,
                offerAuth, requireAuth, allowPlaintextAuth, idleTimeout, forbidUnauthPipelining, greetingDelay,
                maxCommandsBeforeAuth, n);
    }
}
