package org.mailplatform.records.consume;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * What happens to a record the handler could not finish. Its partition is rewound to it and
 * paused for a back-off that starts at {@code firstBackoff} and doubles up to {@code maxBackoff}
 * (the other partitions keep flowing), then the record is tried again. After {@code attempts}
 * tries the record is parked on the dead-letter topic and the partition moves on, unless the
 * failure is an outage ({@code outage}): then every record would fail the same way, so the
 * partition waits until the outage ends, keeping its order.
 *
 * @param firstBackoff first pause of a failing partition
 * @param maxBackoff   longest pause
 * @param attempts     tries before a record is dead-lettered; 0 tries for ever
 * @param outage       failures that are retried for ever whatever {@code attempts} says
 */
public record RetryPolicy(Duration firstBackoff, Duration maxBackoff, int attempts, Predicate<Throwable> outage) {

    public RetryPolicy {
        if (firstBackoff == null || firstBackoff.isNegative() || maxBackoff == null
                || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("back-off must be positive and first <= max");
        }
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
        outage = outage == null ? t -> false : outage;
    }

    /** Tried again and again, never dead-lettered: for work whose failures are the platform's, not the record's. */
    public static RetryPolicy forever(Duration firstBackoff, Duration maxBackoff) {
        return new RetryPolicy(firstBackoff, maxBackoff, 0, t -> true);
    }

    /** Whether a record that failed {@code failures} times with {@code cause} is given up on. */
    boolean givesUp(int failures, Throwable cause) {
        return attempts > 0 && failures >= attempts && !outage.test(cause);
    }

    /** The pause after the {@code failures}-th failure in a row of a partition. */
    Duration backoff(int failures) {
        Duration d = firstBackoff;
        for (int i = 1; i < failures && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
