package org.mailplatform.store.support;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A clean-up of old rows that runs at a fixed interval on a thread of its own while the service
 * runs. A failed run is logged and tried again at the next interval: old rows staying a little
 * longer never matters to mail.
 */
public abstract class PeriodicCleanup implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicCleanup.class);

    private final String threadName;
    private final String description;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    /**
     * @param threadName  the clean-up thread's name
     * @param description what is cleaned up, for the log, e.g. "pruning the delivery ledger"
     */
    protected PeriodicCleanup(String threadName, String description, Duration interval) {
        this.threadName = threadName;
        this.description = description;
        this.interval = interval;
    }

    /** One clean-up, now. */
    protected abstract void cleanUp();

    private void cleanUpQuietly() {
        try {
            cleanUp();
        } catch (RuntimeException e) {
            log.warn("{} failed, trying again in {}: {}", description, interval, e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(threadName).daemon().factory());
        scheduler.scheduleWithFixedDelay(this::cleanUpQuietly, interval.toMillis(), interval.toMillis(),
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
