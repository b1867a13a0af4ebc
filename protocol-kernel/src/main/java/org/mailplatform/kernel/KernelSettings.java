package org.mailplatform.kernel;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The limits every connection of a {@link ProtocolServer} runs under. All are explicit; a service sets
 * them from its configuration.
 *
 * @param maxLineLength            longest input line accepted, terminator excluded (sessions may change their own)
 * @param idleTimeout              a connection that sends nothing this long while no command runs is told so and closed
 * @param maxConnectionsPerAddress connections at once from one client address (one IPv6 /64 counts as one address)
 *                                 to this server, over all its listeners
 * @param maxConnections           connections at once over all listeners of the server
 * @param trustedProxyCidrs        peers (e.g. {@code 10.0.0.0/8}, {@code fd00::/8}, {@code 192.0.2.10}) that must open with a
 *                                 PROXY protocol v1/v2 header; from any other peer such a header is ordinary input
 * @param tlsHandshakeTimeout      a TLS handshake taking longer is abandoned and the connection closed
 * @param maxBufferedInput         input bytes received but not yet processed per connection before the kernel stops
 *                                 reading from the socket (reading resumes below half of it)
 * @param shutdownGracePeriod      how long {@link ProtocolServer#close()} lets open sessions finish
 * @param ioThreads                network threads; 0 for the library default (twice the processors)
 * @param loginTimeout             deadline from connecting until the session authenticates
 *                                 ({@link SessionContext#clearDeadline()}), whatever the client sends meanwhile
 * @param lineTimeout              a line must be complete this long after its first byte arrived
 * @param minPayloadRate           bytes per second a payload (raw read, SMTP DATA) must average over each window
 * @param payloadRateWindow        the window {@code minPayloadRate} is averaged over
 * @param overlongLineAllowance    bytes past the line limit read (and dropped) while waiting for an over-long line's
 *                                 end; beyond them the line is endless and the connection is closed
 * @param writeTimeout             a connection whose output stays above the high-water mark this long without the client
 *                                 reading a low-water mark's worth of it is closed
 * @param writeBufferHighWaterMark output bytes queued for the socket above which the connection stops reading and
 *                                 processing input, and sessions writing wait (resumes below half of it)
 */
public record KernelSettings(
        int maxLineLength,
        Duration idleTimeout,
        int maxConnectionsPerAddress,
        int maxConnections,
        List<String> trustedProxyCidrs,
        Duration tlsHandshakeTimeout,
        int maxBufferedInput,
        Duration shutdownGracePeriod,
        int ioThreads,
        Duration loginTimeout,
        Duration lineTimeout,
        int minPayloadRate,
        Duration payloadRateWindow,
        int overlongLineAllowance,
        Duration writeTimeout,
        int writeBufferHighWaterMark) {

    public KernelSettings {
        trustedProxyCidrs = List.copyOf(trustedProxyCidrs);
        positive(maxLineLength, "maxLineLength");
        positive(maxConnectionsPerAddress, "maxConnectionsPerAddress");
        positive(maxConnections, "maxConnections");
        positive(maxBufferedInput, "maxBufferedInput");
        positive(idleTimeout, "idleTimeout");
        positive(tlsHandshakeTimeout, "tlsHandshakeTimeout");
        positive(loginTimeout, "loginTimeout");
        positive(lineTimeout, "lineTimeout");
        positive(payloadRateWindow, "payloadRateWindow");
        positive(writeTimeout, "writeTimeout");
        positive(writeBufferHighWaterMark, "writeBufferHighWaterMark");
        Objects.requireNonNull(shutdownGracePeriod, "shutdownGracePeriod");
        if (shutdownGracePeriod.isNegative() || ioThreads < 0 || minPayloadRate < 0 || overlongLineAllowance < 0) {
            throw new IllegalArgumentException(
                    "shutdownGracePeriod, ioThreads, minPayloadRate and overlongLineAllowance must not be negative");
        }
    }

    /**
     * 8192-byte lines (RFC 7162 §4 asks IMAP servers for at least 8192), 5 minutes idle (RFC 5321 §4.5.3.2.7),
     * 50 connections per address (as Postfix's smtpd_client_connection_count_limit), 10,000 in all, no trusted
     * proxies, 10 s handshakes, 64 KiB buffered input, 30 s shutdown grace, 180 s to log in (as Dovecot), 60 s
     * per line, payloads at 500 bytes/s over 30 s windows (as Apache's mod_reqtimeout MinRate), 1 MiB of an
     * over-long line read while waiting for its end, and 64 KiB of output queued for a client that has 60 s to
     * take 32 KiB of it.
     */
    public static KernelSettings defaults() {
        return new KernelSettings(8192, Duration.ofMinutes(5), 50, 10_000, List.of(), Duration.ofSeconds(10), 64 * 1024,
                Duration.ofSeconds(30), 0, Duration.ofSeconds(180), Duration.ofSeconds(60), 500, Duration.ofSeconds(30),
                1024 * 1024, Duration.ofSeconds(60), 64 * 1024);
    }

    public KernelSettings withMaxLineLength(int value) {
        return new KernelSettings(value, idleTimeout, maxConnectionsPerAddress, maxConnections, trustedProxyCidrs,
                tlsHandshakeTimeout, maxBufferedInput, shutdownGracePeriod, ioThreads, loginTimeout, lineTimeout,
                minPayloadRate, payloadRateWindow, overlongLineAllowance, writeTimeout, writeBufferHighWaterMark);
    }

    public KernelSettings withIdleTimeout(Duration value) {
        return new KernelSettings(maxLineLength, value, maxConnectionsPerAddress, maxConnections, trustedProxyCidrs,
                tlsHandshakeTimeout, maxBufferedInput, shutdownGracePeriod, ioThreads, loginTimeout, lineTimeout,
                minPayloadRate, payloadRateWindow, overlongLineAllowance, writeTimeout, writeBufferHighWaterMark);
    }

    public KernelSettings withMaxConnectionsPerAddress(int value) {
        return new KernelSettings(maxLineLength, idleTimeout, value, maxConnections, trustedProxyCidrs,
                tlsHandshakeTimeout, maxBufferedInput, shutdownGracePeriod, ioThreads, loginTimeout, lineTimeout,
                minPayloadRate, payloadRateWindow, overlongLineAllowance, writeTimeout, writeBufferHighWaterMark);
    }

    public KernelSettings withMaxConnections(int value) {
        return new KernelSettings(maxLineLength, idleTimeout, maxConnectionsPerAddress, value, trustedProxyCidrs,
                tlsHandshakeTimeout, maxBufferedInput, shutdownGracePeriod, ioThreads, loginTimeout, lineTimeout,
                minPayloadRate, payloadRateWindow, overlongLineAllowance, writeTimeout, writeBufferHighWaterMark);
    }

    public KernelSettings withTrustedProxyCidrs(List<String> value) {
        return new KernelSettings(maxLineLength, idleTimeout, maxConnectionsPerAddress, maxConnections, value,
                tlsHandshakeTimeout, maxBufferedInput, shutdownGracePeriod, ioThreads, loginTimeout, lineTimeout,
                minPayloadRate, payloadRateWindow, overlongLineAllowance, writeTimeout, writeBufferHighWaterMark);
    }

    public KernelSettings withTlsHandshakeTimeout(Duration value) {
        return new KernelSettings(maxLineLength, idleTimeout, maxConnectionsPerAddress, maxConnections, trustedProxyCidrs,
                value, maxBufferedInput, shutdownGracePeriod, ioThreads, loginTimeout, lineTimeout,
                minPayloadRate, payloadRateWindow, overlongLineAllowance, writeTimeout, writeBufferHighWaterMark);
    }

    public KernelSettings withMaxBufferedInput(int value) {
        return new KernelSettings(maxLineLength, idleTimeout, maxConnectionsPerAddress, maxConnections, trustedProxyCidrs,
                tlsHandshakeTimeout, value, shutdownGracePeriod, ioThreads, loginTimeout, lineTimeout,
                minPayloadRate, payloadRateWindow, overlongLineAllowance, writeTimeout, writeBufferHighWaterMark);
    }

    public KernelSettings withShutdownGracePeriod(Duration value) {
        return new KernelSettings(maxLineLength, idleTimeout, maxConnectionsPerAddress, maxConnections, trustedProxyCidrs,
                tlsHandshakeTimeout, maxBufferedInput, value, ioThreads, loginTimeout, lineTimeout,
                minPayloadRate, payloadRateWindow, overlongLineAllowance, writeTimeout, writeBufferHighWaterMark);
    }

    public KernelSettings withIoThreads(int value) {
        return new KernelSettings(maxLineLength, idleTimeout, maxConnectionsPerAddress, maxConnections, trustedProxyCidrs,
                tlsHandshakeTimeout, maxBufferedInput, shutdownGracePeriod, value, loginTimeout, lineTimeout,
                minPayloadRate, payloadRateWindow, overlongLineAllowance, writeTimeout, writeBufferHighWaterMark);
    }

    public KernelSettings withLoginTimeout(Duration value) {
        return new KernelSettings(maxLineLength, idleTimeout, maxConnectionsPerAddress, maxConnections, trustedProxyCidrs,
                tlsHandshakeTimeout, maxBufferedInput, shutdownGracePeriod, ioThreads, value, lineTimeout,
                minPayloadRate, payloadRateWindow, overlongLineAllowance, writeTimeout, writeBufferHighWaterMark);
    }

    public KernelSettings withLineTimeout(Duration value) {
        return new KernelSettings(maxLineLength, idleTimeout, maxConnectionsPerAddress, maxConnections, trustedProxyCidrs,
                tlsHandshakeTimeout, maxBufferedInput, shutdownGracePeriod, ioThreads, loginTimeout, value,
                minPayloadRate, payloadRateWindow, overlongLineAllowance, writeTimeout, writeBufferHighWaterMark);
    }

    /** @param bytesPerSecond 0 switches the payload rate check off */
    public KernelSettings withMinPayloadRate(int bytesPerSecond, Duration window) {
        return new KernelSettings(maxLineLength, idleTimeout, maxConnectionsPerAddress, maxConnections, trustedProxyCidrs,
                tlsHandshakeTimeout, maxBufferedInput, shutdownGracePeriod, ioThreads, loginTimeout, lineTimeout,
                bytesPerSecond, window, overlongLineAllowance, writeTimeout, writeBufferHighWaterMark);
    }

    public KernelSettings withOverlongLineAllowance(int value) {
        return new KernelSettings(maxLineLength, idleTimeout, maxConnectionsPerAddress, maxConnections, trustedProxyCidrs,
                tlsHandshakeTimeout, maxBufferedInput, shutdownGracePeriod, ioThreads, loginTimeout, lineTimeout,
                minPayloadRate, payloadRateWindow, value, writeTimeout, writeBufferHighWaterMark);
    }

    public KernelSettings withWriteTimeout(Duration value) {
        return new KernelSettings(maxLineLength, idleTimeout, maxConnectionsPerAddress, maxConnections, trustedProxyCidrs,
                tlsHandshakeTimeout, maxBufferedInput, shutdownGracePeriod, ioThreads, loginTimeout, lineTimeout,
                minPayloadRate, payloadRateWindow, overlongLineAllowance, value, writeBufferHighWaterMark);
    }

    public KernelSettings withWriteBufferHighWaterMark(int value) {
        return new KernelSettings(maxLineLength, idleTimeout, maxConnectionsPerAddress, maxConnections, trustedProxyCidrs,
                tlsHandshakeTimeout, maxBufferedInput, shutdownGracePeriod, ioThreads, loginTimeout, lineTimeout,
                minPayloadRate, payloadRateWindow, overlongLineAllowance, writeTimeout, value);
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
