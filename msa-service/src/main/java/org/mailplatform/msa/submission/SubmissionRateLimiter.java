package org.mailplatform.msa.submission;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Messages per minute per account and per client address: a fixed one-minute window per key,
 * in memory on each replica (a replica sees its share of a user's connections, so the effective
 * platform-wide limit is at most replicas × limit).
 */
public final class SubmissionRateLimiter {

    private final int perAccount;
    private final int perAddress;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public SubmissionRateLimiter(int perAccountPerMinute, int perAddressPerMinute, Clock clock) {
        this.perAccount = perAccountPerMinute;
        this.perAddress = perAddressPerMinute;
        this.clock = clock;
    }

    public enum Verdict { ALLOWED, ACCOUNT_LIMIT, ADDRESS_LIMIT }

    /** Counts one message for both keys; a key over its limit refuses it. A limit of 0 is off. */
    public Verdict tryAcquire(String account, String address) {
        long minute = clock.millis() / 60_000;
        if (windows.size() > 100_000) {
            windows.entrySet().removeIf(e -> e.getValue().minute < minute);
        }
        if (perAccount > 0 && account != null && !count("a:" + account, minute, perAccount)) {
            return Verdict.ACCOUNT_LIMIT;
        }
        if (perAddress > 0 && address != null && !count("i:" + address, minute, perAddress)) {
            return Verdict.ADDRESS_LIMIT;
        }
        return Verdict.ALLOWED;
    }

    private boolean count(String key, long minute, int limit) {
        Window w = windows.compute(key, (k, old) -> old == null || old.minute != minute
                ? new Window(minute, 1) : new Window(minute, old.count + 1));
        return w.count <= limit;
    }

    private record Window(long minute, int count) {
    }
}
