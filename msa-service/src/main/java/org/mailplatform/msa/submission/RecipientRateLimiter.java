package org.mailplatform.msa.submission;

import java.time.Clock;
import java.time.Duration;

/**
 * Recipients per hour per authenticated account, on each replica ({@link FixedWindowCounter}): a
 * stolen password sends to a bounded number of addresses however it spreads them over messages and
 * connections.
 */
public final class RecipientRateLimiter {

    private final int perAccountPerHour;
    private final FixedWindowCounter counter;

    /** @param perAccountPerHour 0 is no limit */
    public RecipientRateLimiter(int perAccountPerHour, Clock clock) {
        this.perAccountPerHour = perAccountPerHour;
        this.counter = new FixedWindowCounter(Duration.ofHours(1), clock);
    }

    /** Counts one recipient for the account; false when the account is over its hourly limit. */
    public boolean tryAcquire(String account) {
        return perAccountPerHour <= 0 || account == null || counter.tryCount(account, perAccountPerHour);
    }
}
