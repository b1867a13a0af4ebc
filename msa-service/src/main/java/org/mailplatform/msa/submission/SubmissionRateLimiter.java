package org.mailplatform.msa.submission;

import java.time.Clock;
import java.time.Duration;

/** Messages per minute per account and per client address, on each replica ({@link FixedWindowCounter}). */
public final class SubmissionRateLimiter {

    private final int perAccount;
    private final int perAddress;
    private final FixedWindowCounter counter;

    public SubmissionRateLimiter(int perAccountPerMinute, int perAddressPerMinute, Clock clock) {
        this.perAccount = perAccountPerMinute;
        this.perAddress = perAddressPerMinute;
        this.counter = new FixedWindowCounter(Duration.ofMinutes(1), clock);
    }

    public enum Verdict { ALLOWED, ACCOUNT_LIMIT, ADDRESS_LIMIT }

    /** Counts one message for both keys; a key over its limit refuses it. A limit of 0 is off. */
    public Verdict tryAcquire(String account, String address) {
        if (perAccount > 0 && account != null && !counter.tryCount("a:" + account, perAccount)) {
            return Verdict.ACCOUNT_LIMIT;
        }
        if (perAddress > 0 && address != null && !counter.tryCount("i:" + address, perAddress)) {
            return Verdict.ADDRESS_LIMIT;
        }
        return Verdict.ALLOWED;
    }
}
