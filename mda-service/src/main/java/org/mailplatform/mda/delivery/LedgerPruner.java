package org.mailplatform.mda.delivery;

import java.time.Clock;
import java.time.Duration;

import org.mailplatform.store.delivery.MailDelivery;
import org.mailplatform.store.support.PeriodicCleanup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes delivery-ledger rows older than the retention, at a fixed interval. The retention must
 * be longer than {@code mail.delivery} keeps records (checked at start): a record redelivered
 * after its ledger row is gone would be stored a second time.
 */
public final class LedgerPruner extends PeriodicCleanup {

    private static final Logger log = LoggerFactory.getLogger(LedgerPruner.class);

    private final MailDelivery delivery;
    private final Duration retention;
    private final Clock clock;

    public LedgerPruner(MailDelivery delivery, Duration retention, Duration interval, Clock clock) {
        super("delivery-ledger-pruner", "pruning the delivery ledger", interval);
        this.delivery = delivery;
        this.retention = retention;
        this.clock = clock;
    }

    /** Removes rows older than the retention now; returns how many. */
    public int prune() {
        int removed = delivery.pruneLedger(clock.instant().minus(retention));
        if (removed > 0) {
            log.info("removed {} delivery ledger rows older than {}", removed, retention);
        }
        return removed;
    }

    @Override
    protected void cleanUp() {
        prune();
    }
}
