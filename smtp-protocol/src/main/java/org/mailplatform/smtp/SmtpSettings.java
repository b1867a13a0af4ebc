package org.mailplatform.smtp;

import java.time.Duration;

/**
 * Limits and offered extensions of one SMTP service.
 *
 * @param hostname            the name in the greeting, EHLO reply and Received fields
 * @param maxMessageSize      SIZE (RFC 1870); also the largest Kafka record
 * @param maxRecipients       per transaction; past it 452 4.5.3 (RFC 5321 4.5.3.1.8 asks for at least 100)
 * @param commandLineLimit    command line length incl. CRLF (RFC 5321 4.5.3.1.4 minimum 512; RFC 4954 4 asks 12288 for AUTH)
 * @param dataLineLimit       text line length in DATA (RFC 5321 4.5.3.1.6 minimum 1000)
 * @param maxErrors           error replies before the server gives up on the client with 421
 * @param offerAuth           AUTH PLAIN/LOGIN offered (submission)
 * @param requireAuth         MAIL needs a successful AUTH first (RFC 6409 4.3, RFC 4954 6: 530 5.7.0)
 * @param allowPlaintextAuth  AUTH before TLS (local development only)
 * @param idleTimeout         RFC 5321 4.5.3.2.7: at least five minutes
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
        Duration idleTimeout) {

    public static final long DEFAULT_MAX_MESSAGE_SIZE = 25L * 1024 * 1024;

    public static SmtpSettings submission(String hostname) {
        return new SmtpSettings(hostname, DEFAULT_MAX_MESSAGE_SIZE, 100, 12288, 65536, 20,
                true, true, false, Duration.ofMinutes(5));
    }

    public static SmtpSettings transfer(String hostname) {
        return new SmtpSettings(hostname, DEFAULT_MAX_MESSAGE_SIZE, 100, 4096, 65536, 20,
                false, false, false, Duration.ofMinutes(5));
    }

    public SmtpSettings withMaxMessageSize(long size) {
        return new SmtpSettings(hostname, size, maxRecipients, commandLineLimit, dataLineLimit, maxErrors,
                offerAuth, requireAuth, allowPlaintextAuth, idleTimeout);
    }

    public SmtpSettings withMaxRecipients(int n) {
        return new SmtpSettings(hostname, maxMessageSize, n, commandLineLimit, dataLineLimit, maxErrors,
                offerAuth, requireAuth, allowPlaintextAuth, idleTimeout);
    }

    public SmtpSettings withAllowPlaintextAuth(boolean allow) {
        return new SmtpSettings(hostname, maxMessageSize, maxRecipients, commandLineLimit, dataLineLimit, maxErrors,
                offerAuth, requireAuth, allow, idleTimeout);
    }

    public SmtpSettings withIdleTimeout(Duration timeout) {
        return new SmtpSettings(hostname, maxMessageSize, maxRecipients, commandLineLimit, dataLineLimit, maxErrors,
                offerAuth, requireAuth, allowPlaintextAuth, timeout);
    }
}
