package org.mailplatform.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.mailplatform.store.auth.AuthFailure;

/**
 * This replica's copy of failure counts, bounded in size: the whole ledger when the throttle has
 * no shared table (or cannot reach it), otherwise the last state read from or written to the table,
 * with when that was, so a running block can be answered without asking the database again.
 */
final class LocalFailures {

    /** A key's count and when this replica last saw it. */
    record Entry(AuthFailure failure, Instant seen) {
    }

    private final int maxKeys;
    private final Duration window;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    LocalFailures(int maxKeys, Duration window) {
        this.maxKeys = maxKeys;
        this.window = window;
    }

    Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Replaces the copy of a key with what the shared table holds (null: no row). */
    void mirror(String key, AuthFailure failure, Instant now) {
        if (failure == null) {
            entries.remove(key);
        } else {
            entries.put(key, new Entry(failure, now));
            bound(now);
        }
    }

    /** Counts a failure here; the count starts again when the last one is older than the window and no block runs. */
    AuthFailure increment(String key, Instant now) {
        Entry entry = entries.compute(key, (k, old) -> {
            if (old == null || expired(old.failure(), now)) {
                return new Entry(new AuthFailure(k, 1, now, null), now);
            }
            AuthFailure f = old.failure();
            Instant running = f.blockedUntil() != null && f.blockedUntil().isAfter(now) ? f.blockedUntil() : null;
            return new Entry(new AuthFailure(k, f.failures() + 1, now, running), now);
        });
        bound(now);
        return entry.failure();
    }

    /** Blocks the key until {@code until} unless a longer block already runs. */
    AuthFailure block(String key, Instant until, Instant now) {
        return entries.compute(key, (k, old) -> {
            AuthFailure f = old == null ? new AuthFailure(k, 1, now, null) : old.failure();
            Instant longer = f.blockedUntil() != null && f.blockedUntil().isAfter(until) ? f.blockedUntil() : until;
            return new Entry(new AuthFailure(k, f.failures(), f.lastFailure(), longer), now);
        }).failure();
    }

    /** Forgets the key; true when there was something to forget. */
    boolean remove(String key) {
        return entries.remove(key) != null;
    }

    int size() {
        return entries.size();
    }

    private boolean expired(AuthFailure f, Instant now) {
        boolean blocked = f.blockedUntil() != null && now.isBefore(f.blockedUntil());
        return !blocked && f.lastFailure().plus(window).isBefore(now);
    }

    private void bound(Instant now) {
        if (entries.size() > maxKeys) {
            evict(now);
        }
    }

    // Under a flood of distinct names, forget expired counts first, then the stalest, down to 90%.
    private synchronized void evict(Instant now) {
        entries.entrySet().removeIf(e -> expired(e.getValue().failure(), now));
        int target = maxKeys * 9 / 10;
        if (entries.size() > target) {
            entries.entrySet().stream()
                    .sorted(Comparator.comparing(e -> e.getValue().failure().lastFailure()))
                    .limit(entries.size() - target)
                    .map(Map.Entry::getKey)
                    .toList()
                    .forEach(entries::remove);
        }
    }
}
