package org.mailplatform.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.mailplatform.store.account.EmailAddress;

/**
 * Slows password guessing: failures are counted per account name and per client address; once a
 * key reaches its limit within the window, attempts for it are refused without checking the
 * password for a delay that doubles with each further failure, up to a maximum.
 *
 * <p>Counts live in this replica's memory: with N replicas behind a load balancer an attacker
 * gets at most N times the limits. Names that are not accounts are counted like accounts, so the
 * throttle itself does not reveal which accounts exist. IPv6 clients are counted per prefix
 * (a /64 by default), since one host commonly has a whole /64.
 */
public final class LoginThrottle {

    /** The limits; see {@code mailplatform.auth.throttle.*}. */
    public record Limits(int accountMaxFailures, int addressMaxFailures, Duration window, Duration initialDelay,
                         Duration maxDelay, int maxTrackedKeys, int ipv6PrefixLength) {
        public Limits {
            if (accountMaxFailures < 1 || addressMaxFailures < 1 || maxTrackedKeys < 1
                    || ipv6PrefixLength < 1 || ipv6PrefixLength > 128
                    || window.isNegative() || initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
                throw new IllegalArgumentException("login throttle limits out of range");
            }
        }

        public static Limits defaults() {
            return new Limits(5, 20, Duration.ofMinutes(15), Duration.ofSeconds(2), Duration.ofMinutes(15), 100_000, 64);
        }
    }

    private static final int MAX_NAME_LENGTH = 320;

    private final Limits limits;
    private final Clock clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public LoginThrottle(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** How long attempts for this name or from this client are still refused; empty when allowed. */
    public Optional<Duration> blockedFor(String username, InetAddress client) {
        Instant now = clock.instant();
        Duration account = remaining(accountKey(username), now);
        Duration address = client == null ? Duration.ZERO : remaining(addressKey(client), now);
        Duration longer = account.compareTo(address) >= 0 ? account : address;
        return longer.isZero() ? Optional.empty() : Optional.of(longer);
    }

    public void recordFailure(String username, InetAddress client) {
        Instant now = clock.instant();
        fail(accountKey(username), limits.accountMaxFailures(), now);
        if (client != null) {
            fail(addressKey(client), limits.addressMaxFailures(), now);
        }
        if (counters.size() > limits.maxTrackedKeys()) {
            evict(now);
        }
    }

    /**
     * Clears the account's count. The address's count stays: otherwise one valid account would let
     * a client reset its own limit between guesses at other accounts.
     */
    public void recordSuccess(String username) {
        counters.remove(accountKey(username));
    }

    int trackedKeys() {
        return counters.size();
    }

    private Duration remaining(String key, Instant now) {
        Counter c = counters.get(key);
        if (c == null) {
            return Duration.ZERO;
        }
        synchronized (c) {
            if (c.blockedUntil == null || !now.isBefore(c.blockedUntil)) {
                return Duration.ZERO;
            }
            return Duration.between(now, c.blockedUntil);
        }
    }

    private void fail(String key, int maxFailures, Instant now) {
        counters.compute(key, (k, existing) -> {
            Counter c = existing == null || existing.expired(now, limits.window()) ? new Counter() : existing;
            synchronized (c) {
                c.failures++;
                c.lastFailure = now;
                if (c.failures >= maxFailures) {
                    c.blockedUntil = now.plus(delay(c.failures - maxFailures));
                }
            }
            return c;
        });
    }

    private Duration delay(int excess) {
        Duration max = limits.maxDelay();
        Duration d = limits.initialDelay();
        for (int i = 0; i < excess && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }

    // Under a flood of distinct names, forget expired counts first, then the stalest, down to 90%.
    private synchronized void evict(Instant now) {
        counters.entrySet().removeIf(e -> e.getValue().expired(now, limits.window()));
        int target = limits.maxTrackedKeys() * 9 / 10;
        if (counters.size() > target) {
            counters.entrySet().stream()
                    .sorted(Comparator.comparing(e -> e.getValue().lastFailure))
                    .limit(counters.size() - target)
                    .map(Map.Entry::getKey)
                    .toList()
                    .forEach(counters::remove);
        }
    }

    static String accountKey(String username) {
        String name = username == null ? "" : username.strip();
        if (name.length() > MAX_NAME_LENGTH) {
            name = name.substring(0, MAX_NAME_LENGTH);
        }
        return "a:" + EmailAddress.parse(name).map(EmailAddress::key).orElse(name.toLowerCase(Locale.ROOT));
    }

    String addressKey(InetAddress client) {
        byte[] bytes = client.getAddress();
        if (client instanceof Inet6Address) {
            int prefix = limits.ipv6PrefixLength();
            for (int bit = prefix; bit < 128; bit++) {
                bytes[bit / 8] &= (byte) ~(1 << (7 - bit % 8));
            }
        }
        StringBuilder sb = new StringBuilder("c:");
        for (byte b : bytes) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }

    private static final class Counter {
        int failures;
        Instant lastFailure = Instant.MIN;
        Instant blockedUntil;

        synchronized boolean expired(Instant now, Duration window) {
            boolean blocked = blockedUntil != null && now.isBefore(blockedUntil);
            return !blocked && lastFailure.plus(window).isBefore(now);
        }
    }
}
