package org.mailplatform.mda.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A full mailbox may be emptied soon: RFC 3463 4.2.2 while the message is young, so the MTA tries
 * again; 5.2.2 once it has waited longer than the window, so the sender hears of it.
 */
public final class OverQuotaPolicy {

    private final Duration retryWindow;
    private final Clock clock;

    public OverQuotaPolicy(Duration retryWindow, Clock clock) {
        this.retryWindow = retryWindow;
        this.clock = clock;
    }

    /** @param receivedAt when the platform accepted the message (the envelope's received time) */
    public FailureReason reasonFor(Instant receivedAt) {
        Duration age = Duration.between(receivedAt, clock.instant());
        return age.compareTo(retryWindow) < 0 ? FailureReason.MAILBOX_FULL_TEMPORARY : FailureReason.MAILBOX_FULL;
    }
}
