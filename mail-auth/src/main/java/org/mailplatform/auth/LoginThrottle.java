package org.mailplatform.auth;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.mailplatform.store.auth.AuthFailure;
import org.mailplatform.store.auth.AuthFailureRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Slows password guessing, the same way for every protocol: failures are counted per account name
 * and per client address ({@link ThrottleKeys}). Each failure is answered only after a pause that
 * doubles with the larger of the two counts ({@link #failureDelay(int)}); once a key reaches its
 * limit within the window, attempts for it are refused without checking the password for a block
 * that doubles with each further failure, up to a maximum.
 *
 * <p>With a shared table ({@link AuthFailureRepository}) the counts are those of every replica:
 * N replicas do not give a guesser N times the attempts. Each replica keeps a bounded copy
 * ({@link LocalFailures}) in front of the table: a block it has seen within
 * {@link #LOCAL_BLOCK_TRUST} is answered from memory, so a flood of refused attempts does not reach
 * the database, and when the database cannot be reached the copy goes on counting alone. Without a
 * table, counts live in this replica's memory only.
 */
public final class LoginThrottle {

    /**
     * The limits; see {@code mailplatform.auth.throttle.*}.
     *
     * @param failureDelay    pause before answering the first failure; doubled per further one
     * @param maxFailureDelay longest pause before answering a failure
     */
    public record Limits(int accountMaxFailures, int addressMaxFailures, Duration window, Duration initialDelay,
                         Duration maxDelay, int maxTrackedKeys, int ipv6PrefixLength,
                         Duration failureDelay, Duration maxFailureDelay) {
        public Limits {
            if (accountMaxFailures < 1 || addressMaxFailures < 1 || maxTrackedKeys < 1
                    || ipv6PrefixLength < 1 || ipv6PrefixLength > 128
                    || window.isNegative() || initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0
                    || failureDelay.isNegative() || maxFailureDelay.compareTo(failureDelay) < 0) {
                throw new IllegalArgumentException("login throttle limits out of range");
            }
        }

        public static Limits defaults() {
            return new Limits(5, 20, Duration.ofMinutes(15), Duration.ofSeconds(2), Duration.ofMinutes(15), 100_000, 64,
                    Duration.ofSeconds(1), Duration.ofSeconds(15));
        }
    }

    /**
     * How long a replica answers a block from its own copy before reading the table again: an
     * admin's lifting of a block reaches every replica within this time.
     */
    static final Duration LOCAL_BLOCK_TRUST = Duration.ofSeconds(5);

    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final Limits limits;
    private final Clock clock;
    private final AuthFailureRepository shared;
    private final ThrottleKeys keys;
    private final LocalFailures local;
    private final AtomicReference<Instant> nextPurge = new AtomicReference<>(Instant.MIN);

    /** Counts in this replica's memory only. */
    public LoginThrottle(Limits limits, Clock clock) {
        this(limits, clock, null);
    }

    /** @param shared the table every replica counts in; null to count in memory only */
    public LoginThrottle(Limits limits, Clock clock, AuthFailureRepository shared) {
        this.limits = limits;
        this.clock = clock;
        this.shared = shared;
        this.keys = new ThrottleKeys(limits.ipv6PrefixLength());
        this.local = new LocalFailures(limits.maxTrackedKeys(), limits.window());
    }

    public Limits limits() {
        return limits;
    }

    /** How long attempts for this name or from this client are still refused; empty when allowed. */
    public Optional<Duration> blockedFor(String username, InetAddress client) {
        Instant now = clock.instant();
        List<Key> counted = keysOf(username, client);
        Instant trustedSince = shared == null ? Instant.MIN : now.minus(LOCAL_BLOCK_TRUST);
        Instant until = localBlock(counted, now, trustedSince);
        if (until == null && shared != null) {
            try {
                Map<String, AuthFailure> rows = shared.find(names(counted));
                for (Key key : counted) {
                    local.mirror(key.name(), rows.get(key.name()), now);
                }
                until = latestBlock(rows.values(), now);
            } catch (DataAccessException e) {
                log.warn("reading login failure counts failed, using this replica's: {}", e.getMessage());
                until = localBlock(counted, now, Instant.MIN);
            }
        }
        return until == null ? Optional.empty() : Optional.of(Duration.between(now, until));
    }

    /**
     * Counts a failure for the name and the client.
     *
     * @return how long to wait before answering it ({@link #failureDelay(int)} of the larger count)
     */
    public Duration recordFailure(String username, InetAddress client) {
        Instant now = clock.instant();
        List<Key> counted = keysOf(username, client);
        Map<String, AuthFailure> after = null;
        if (shared != null) {
            try {
                after = recordShared(counted, now);
            } catch (DataAccessException e) {
                log.warn("counting a login failure in the database failed, counting in this replica: {}", e.getMessage());
            }
        }
        if (after == null) {
            after = recordLocally(counted, now);
        }
        int failures = after.values().stream().mapToInt(AuthFailure::failures).max().orElse(1);
        return failureDelay(failures);
    }

    /**
     * A successful login clears the account's count. The address's count stays: otherwise one
     * valid account would let a client reset its own limit between guesses at other accounts.
     * The table is written only when this replica saw a count for the name, so a plain login costs
     * no write.
     */
    public void recordSuccess(String username) {
        String key = ThrottleKeys.account(username);
        if (local.remove(key) && shared != null) {
            clearShared(key);
        }
    }

    /** Lifts the name's count and block on every replica (an admin's password change). */
    public void lift(String username) {
        String key = ThrottleKeys.account(username);
        local.remove(key);
        if (shared != null) {
            clearShared(key);
        }
    }

    /** The pause before answering a failure when the larger count, this one included, is {@code failures}. */
    public Duration failureDelay(int failures) {
        return doubled(limits.failureDelay(), Math.max(0, failures - 1), limits.maxFailureDelay());
    }

    int trackedKeys() {
        return local.size();
    }

    private Map<String, AuthFailure> recordShared(List<Key> counted, Instant now) {
        Map<String, AuthFailure> after = new HashMap<>(shared.recordFailure(names(counted), now, limits.window()));
        for (Key key : counted) {
            AuthFailure row = after.get(key.name());
            if (row != null && row.failures() >= key.maxFailures()) {
                Instant until = now.plus(block(row.failures() - key.maxFailures()));
                shared.block(key.name(), until);
                if (row.blockedUntil() == null || row.blockedUntil().isBefore(until)) {
                    row = new AuthFailure(row.key(), row.failures(), row.lastFailure(), until);
                    after.put(key.name(), row);
                }
            }
            local.mirror(key.name(), row, now);
        }
        purgeIfDue(now);
        return after;
    }

    private Map<String, AuthFailure> recordLocally(List<Key> counted, Instant now) {
        Map<String, AuthFailure> after = new HashMap<>();
        for (Key key : counted) {
            AuthFailure f = local.increment(key.name(), now);
            if (f.failures() >= key.maxFailures()) {
                f = local.block(key.name(), now.plus(block(f.failures() - key.maxFailures())), now);
            }
            after.put(key.name(), f);
        }
        return after;
    }

    private void clearShared(String key) {
        try {
            shared.clear(key);
        } catch (DataAccessException e) {
            log.warn("clearing a login failure count failed: {}", e.getMessage());
        }
    }

    // Rows outlive their window only until some replica passes here; at most once a minute each.
    private void purgeIfDue(Instant now) {
        Instant due = nextPurge.get();
        if (now.isBefore(due) || !nextPurge.compareAndSet(due, now.plus(PURGE_INTERVAL))) {
            return;
        }
        try {
            int deleted = shared.deleteExpired(now.minus(limits.window()), now);
            log.debug("deleted {} expired login failure counts", deleted);
        } catch (DataAccessException e) {
            log.warn("deleting expired login failure counts failed: {}", e.getMessage());
        }
    }

    private Instant localBlock(List<Key> counted, Instant now, Instant trustedSince) {
        List<AuthFailure> seen = new ArrayList<>();
        for (Key key : counted) {
            local.get(key.name())
                    .filter(e -> !e.seen().isBefore(trustedSince))
                    .ifPresent(e -> seen.add(e.failure()));
        }
        return latestBlock(seen, now);
    }

    private static Instant latestBlock(Iterable<AuthFailure> failures, Instant now) {
        Instant latest = null;
        for (AuthFailure f : failures) {
            Instant until = f.blockedUntil();
            if (until != null && until.isAfter(now) && (latest == null || until.isAfter(latest))) {
                latest = until;
            }
        }
        return latest;
    }

    private Duration block(int excess) {
        return doubled(limits.initialDelay(), excess, limits.maxDelay());
    }

    private static Duration doubled(Duration first, int times, Duration max) {
        if (first.isZero()) {
            return first;
        }
        Duration d = first;
        for (int i = 0; i < times && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }

    private List<Key> keysOf(String username, InetAddress client) {
        Key account = new Key(ThrottleKeys.account(username), limits.accountMaxFailures());
        return client == null ? List.of(account)
                : List.of(account, new Key(keys.address(client), limits.addressMaxFailures()));
    }

    private static List<String> names(List<Key> counted) {
        return counted.stream().map(Key::name).toList();
    }

    /** A counted name and the failures it may have within the window. */
    private record Key(String name, int maxFailures) {
    }
}
