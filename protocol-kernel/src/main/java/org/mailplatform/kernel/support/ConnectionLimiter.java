package org.mailplatform.kernel.support;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open connections per client and in total, and refuses those over either limit.
 * IPv6 clients are counted per /64: the interface identifier is the low 64 bits (RFC 4291 §2.5.1), so one
 * host can pick any address in its /64.
 */
public final class ConnectionLimiter {

    /** The outcome of {@link #tryAcquire(InetAddress)}. */
    public sealed interface Admission permits Permit, Refusal {
    }

    /** A granted place; give it back exactly once with {@link #release(Permit)}. */
    public record Permit(Object clientKey) implements Admission {
    }

    /** No place: the limit that was hit. */
    public record Refusal(Limit limit) implements Admission {
    }

    public enum Limit { PER_ADDRESS, GLOBAL }

    private record V6Prefix(byte[] bits) {
        @Override
        public boolean equals(Object other) {
            return other instanceof V6Prefix prefix && Arrays.equals(bits, prefix.bits);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bits);
        }
    }

    private static final Object NO_ADDRESS = new Object();

    private final int perAddress;
    private final int global;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<Object, AtomicInteger> perClient = new ConcurrentHashMap<>();

    public ConnectionLimiter(int perAddress, int global) {
        this.perAddress = perAddress;
        this.global = global;
    }

    /**
     * Takes a place for a connection from {@code client}; null when the transport has no IP address,
     * which then counts against the global limit only.
     *
     * @return a permit, or the refusal naming the limit
     */
    public Admission tryAcquire(InetAddress client) {
        if (total.incrementAndGet() > global) {
            total.decrementAndGet();
            return new Refusal(Limit.GLOBAL);
        }
        if (client == null) {
            return new Permit(NO_ADDRESS);
        }
        Object key = key(client);
        AtomicInteger count = perClient.compute(key, (k, current) -> {
            AtomicInteger counter = current == null ? new AtomicInteger() : current;
            counter.incrementAndGet();
            return counter;
        });
        if (count.get() > perAddress) {
            release(new Permit(key));
            return new Refusal(Limit.PER_ADDRESS);
        }
        return new Permit(key);
    }

    public void release(Permit permit) {
        total.decrementAndGet();
        if (permit.clientKey() != NO_ADDRESS) {
            perClient.computeIfPresent(permit.clientKey(), (k, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
    }

    public int total() {
        return total.get();
    }

    public int connectionsFrom(InetAddress client) {
        AtomicInteger count = perClient.get(key(client));
        return count == null ? 0 : count.get();
    }

    private static Object key(InetAddress client) {
        if (client instanceof Inet6Address) {
            return new V6Prefix(Arrays.copyOf(client.getAddress(), 8));
        }
        return client;
    }
}
