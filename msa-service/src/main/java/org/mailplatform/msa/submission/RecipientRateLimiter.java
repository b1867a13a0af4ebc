package org.mailplatform.msa.submission;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import org.mailplatform.store.rate.RollingCounters;

/**
 * Recipients per hour per authenticated account, counted in PostgreSQL over a rolling hour
 * ({@link RollingCounters}) and so shared by every MSA replica: a stolen password sends to a bounded
 * number of addresses however it spreads them over messages, connections and replicas.
 */
public final class RecipientRateLimiter {

    private static final Duration WINDOW = Duration.ofHours(1);

    private final int perAccountPerHour;
    private final RollingCounters counters;
    private final Clock clock;

    /** @param perAccountPerHour 0 is no limit */
    public RecipientRateLimiter(int perAccountPerHour, RollingCounters counters, Clock clock) {
        this.perAccountPerHour = perAccountPerHour;
        this.counters = counters;
        this.clock = clock;
    }

    /**
     * Counts one recipient for the account; false when the account is over its hourly limit.
     *
     * @throws org.springframework.dao.DataAccessException when the database cannot be asked
     */
    public boolean tryAcquire(String account) {
        if (perAccountPerHour <= 0 || account == null) {
            return true;
        }
        return counters.tryAdd("msa.recipients:" + account.toLowerCase(Locale.ROOT), 1, perAccountPerHour, WINDOW, clock.instant());
    }
}
