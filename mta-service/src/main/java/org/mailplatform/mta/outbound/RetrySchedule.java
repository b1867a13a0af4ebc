package org.mailplatform.mta.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.topics.RetryTier;

/**
 * When a message is tried again and when it is given up (RFC 5321 4.5.4.1).
 *
 * @param delays            one wait per {@link RetryTier}, in tier order
 * @param maxLifetime       from arrival until the message is returned as undeliverable
 * @param delayWarningAfter from arrival until a delay DSN is due; zero for never
 */
public record RetrySchedule(List<Duration> delays, Duration maxLifetime, Duration delayWarningAfter) {

    public RetrySchedule {
        delays = List.copyOf(delays);
        if (delays.size() != RetryTier.values().length) {
            throw new IllegalArgumentException("one retry delay per tier is needed (" + RetryTier.values().length
                    + "), got " + delays.size());
        }
        for (Duration d : delays) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("retry delays must be positive: " + delays);
            }
        }
        if (maxLifetime == null || maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("the maximum lifetime must be positive");
        }
        if (delayWarningAfter == null || delayWarningAfter.isNegative()) {
            throw new IllegalArgumentException("the delay warning time must not be negative");
        }
    }

    public Duration delay(RetryTier tier) {
        return delays.get(tier.ordinal());
    }

    public Instant expiresAt(Instant receivedAt) {
        return receivedAt.plus(maxLifetime);
    }

    public Instant expiresAt(MailEnvelope envelope) {
        return expiresAt(envelope.receivedAt());
    }

    /** The next try after a temporary failure: the tier's delay, but never past the expiry, for one last try. */
    public Instant nextAttempt(Instant now, RetryTier tier, Instant expiresAt) {
        Instant next = now.plus(delay(tier));
        return next.isAfter(expiresAt) ? expiresAt : next;
    }

    /** Whether a message that arrived at {@code receivedAt} has waited long enough for a delay DSN. */
    public boolean delayWarningDue(Instant receivedAt, Instant now) {
        return !delayWarningAfter.isZero() && !now.isBefore(receivedAt.plus(delayWarningAfter));
    }

    /**
     * The tier for a message that has been waiting {@code age} without a count of its attempts
     * (a retry the MDA asked for): as many failed attempts as the schedule would have made by then.
     */
    public RetryTier tierForAge(Duration age) {
        Duration elapsed = Duration.ZERO;
        int failed = 1;
        for (int i = 0; i < delays.size() - 1; i++) {
            elapsed = elapsed.plus(delays.get(i));
            if (elapsed.compareTo(age) > 0) {
                break;
            }
            failed++;
        }
        return RetryTier.afterFailedAttempts(failed);
    }
}
