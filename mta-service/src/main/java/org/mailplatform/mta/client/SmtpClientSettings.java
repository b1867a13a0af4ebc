package org.mailplatform.mta.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How the client talks to every peer.
 *
 * @param heloName         the name given in EHLO/HELO (RFC 5321 4.1.1.1: the client's primary host name)
 * @param connectTimeout   TCP connect
 * @param greetingTimeout  waiting for the 220 greeting (RFC 5321 4.5.3.2.1: 5 minutes)
 * @param commandTimeout   replies to EHLO, MAIL, RCPT and other commands (4.5.3.2.2-3: 5 minutes)
 * @param dataInitTimeout  the 354 reply to DATA (4.5.3.2.4: 2 minutes)
 * @param dataBlockTimeout each block of message data written (4.5.3.2.5: 3 minutes)
 * @param dataEndTimeout   the reply after the final dot or BDAT LAST (4.5.3.2.6: 10 minutes)
 * @param preferChunking   send with BDAT whenever the peer offers CHUNKING (RFC 3030), not only
 *                         for BINARYMIME, which can go no other way
 */
public record SmtpClientSettings(
        String heloName,
        Duration connectTimeout,
        Duration greetingTimeout,
        Duration commandTimeout,
        Duration dataInitTimeout,
        Duration dataBlockTimeout,
        Duration dataEndTimeout,
        boolean preferChunking) {

    public SmtpClientSettings {
        Objects.requireNonNull(heloName, "heloName");
        positive(connectTimeout, "connectTimeout");
        positive(greetingTimeout, "greetingTimeout");
        positive(commandTimeout, "commandTimeout");
        positive(dataInitTimeout, "dataInitTimeout");
        positive(dataBlockTimeout, "dataBlockTimeout");
        positive(dataEndTimeout, "dataEndTimeout");
    }

    /** The RFC 5321 4.5.3.2 timeouts, a 30 second connect timeout, DATA unless BDAT is needed. */
    public static SmtpClientSettings defaults(String heloName) {
        return new SmtpClientSettings(heloName, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(5),
                Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(10), false);
    }

    /** Every timeout set to {@code timeout}; for tests. */
    public SmtpClientSettings withAllTimeouts(Duration timeout) {
        return new SmtpClientSettings(heloName, timeout, timeout, timeout, timeout, timeout, timeout, preferChunking);
    }

    public SmtpClientSettings withPreferChunking(boolean value) {
        return new SmtpClientSettings(heloName, connectTimeout, greetingTimeout, commandTimeout, dataInitTimeout,
                dataBlockTimeout, dataEndTimeout, value);
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
