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
 * @param maxConnections           connections at once over all listeners of the server
 * @param trustedProxyCidrs        peers (e.g. {@code 10.0.0.0/8}, {@code fd00::/8}, {@code 192.0.2.10}) that must open with a
 *                                 PROXY protocol v1/v2 header; from any other peer such a header is ordinary input
 * @param tlsHandshakeTimeout      a TLS handshake taking longer is abandoned and the connection closed
 * @param maxBufferedInput         input bytes received but not yet processed per connection before the kernel stops
 *                                 reading from the socket (reading resumes below half of it)
 * @param shutdownGracePeriod      how long {@link ProtocolServer#close()} lets open sessions finish
 * @param ioThreads                network threads; 0 for the library default (twice the processors)
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
        int ioThreads) {

    public KernelSettings {
        trustedProxyCidrs = List.copyOf(trustedProxyCidrs);
        positive(maxLineLength, "maxLineLength");
        positive(maxConnectionsPerAddress, "maxConnectionsPerAddress");
        positive(maxConnections, "maxConnections");
        positive(maxBufferedInput, "maxBufferedInput");
        positive(idleTimeout, "idleTimeout");
        positive(tlsHandshakeTimeout, "tlsHandshakeTimeout");
        Objects.requireNonNull(shutdownGracePeriod, "shutdownGracePeriod");
        if (shutdownGracePeriod.isNegative() || ioThreads < 0) {
            throw new IllegalArgumentException("shutdownGracePeriod and ioThreads must not be negative");
        }
    }

    /**
     * 8192-byte lines (RFC 7162 §4 asks IMAP servers for at least 8192), 5 minutes idle (RFC 5321 §4.5.3.2.7),
     * 20 connections per address, 10,000 in all, no trusted proxies, 10 s handshakes, 64 KiB buffered input,
     * 30 s shutdown grace.
     */
    public static KernelSettings defaults() {
        return new KernelSettings(8192, Duration.ofMinutes(5), 20, 10_000, List.of(), Duration.ofSeconds(10), 64 * 1024,
                Duration.ofSeconds(30), 0);
    }

    public KernelSettings withMaxLineLength(int value) {
        return new KernelSettings(value, idleTimeout, maxConnectionsPerAddress, maxConnections, trustedProxyCidrs,
                tlsHandshakeTimeout, maxBufferedInput, shutdownGracePeriod, ioThreads);
    }

    public KernelSettings withIdleTimeout(Duration value) {
        return new KernelSettings(maxLineLength, value, maxConnectionsPerAddress, maxConnections, trustedProxyCidrs,
                tlsHandshakeTimeout, maxBufferedInput, shutdownGracePeriod, ioThreads);
    }

    public KernelSettings withMaxConnectionsPerAddress(int value) {
        return new KernelSettings(maxLineLength, idleTimeout, value, maxConnections, trustedProxyCidrs,
                tlsHandshakeTimeout, maxBufferedInput, shutdownGracePeriod, ioThreads);
    }

    public KernelSettings withMaxConnections(int value) {
        return new KernelSettings(maxLineLength, idleTimeout, maxConnectionsPerAddress, value, trustedProxyCidrs,
                tlsHandshakeTimeout, maxBufferedInput, shutdownGracePeriod, ioThreads);
    }

    public KernelSettings withTrustedProxyCidrs(List<String> value) {
        return new KernelSettings(maxLineLength, idleTimeout, maxConnectionsPerAddress, maxConnections, value,
                tlsHandshakeTimeout, maxBufferedInput, shutdownGracePeriod, ioThreads);
    }

    public KernelSettings withTlsHandshakeTimeout(Duration value) {
        return new KernelSettings(maxLineLength, idleTimeout, maxConnectionsPerAddress, maxConnections, trustedProxyCidrs,
                value, maxBufferedInput, shutdownGracePeriod, ioThreads);
    }

    public KernelSettings withMaxBufferedInput(int value) {
        return new KernelSettings(maxLineLength, idleTimeout, maxConnectionsPerAddress, maxConnections, trustedProxyCidrs,
                tlsHandshakeTimeout, value, shutdownGracePeriod, ioThreads);
    }

    public KernelSettings withShutdownGracePeriod(Duration value) {
        return new KernelSettings(maxLineLength, idleTimeout, maxConnectionsPerAddress, maxConnections, trustedProxyCidrs,
                tlsHandshakeTimeout, maxBufferedInput, value, ioThreads);
    }

    public KernelSettings withIoThreads(int value) {
        return new KernelSettings(maxLineLength, idleTimeout, maxConnectionsPerAddress, maxConnections, trustedProxyCidrs,
                tlsHandshakeTimeout, maxBufferedInput, shutdownGracePeriod, value);
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
