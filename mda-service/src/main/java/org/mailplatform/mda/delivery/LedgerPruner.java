package org.mailplatform.mda.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.mailplatform.store.delivery.MailDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Removes delivery-ledger rows older than the retention, at a fixed interval. The retention must
 * be longer than {@code mail.delivery} keeps records (checked at start): a record redelivered
 * after its ledger row is gone would be stored a second time.
 */
public final class LedgerPruner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LedgerPruner.class);

    private final MailDelivery delivery;
    private final Duration retention;
    private final Duration interval;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    public LedgerPruner(MailDelivery delivery, Duration retention, Duration interval, Clock clock) {
        this.delivery = delivery;
        this.retention = retention;
        this.interval = interval;
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

    private void pruneQuietly() {
        try {
            prune();
        } catch (RuntimeException e) {
            log.warn("pruning the delivery ledger failed, trying again in {}: {}", interval, e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("delivery-ledger-pruner").daemon().factory());
        scheduler.scheduleWithFixedDelay(this::pruneQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
