package org.mailplatform.store.trace;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Deletes trace events older than the retention at a fixed interval, in batches so no statement
 * holds many row locks for long. Every replica of every service may run it at the same time:
 * the delete skips rows another replica holds ({@link MessageEventRepository#deleteOlderThan}).
 */
public final class MessageEventPurge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MessageEventPurge.class);
    private static final int BATCH = 5_000;

    private final MessageEventRepository repository;
    private final Duration retention;
    private final Duration interval;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    public MessageEventPurge(MessageEventRepository repository, Duration retention, Duration interval, Clock clock) {
        this.repository = repository;
        this.retention = retention;
        this.interval = interval;
        this.clock = clock;
    }

    /** Removes the events older than the retention now; returns how many. */
    public int purge() {
        Instant before = clock.instant().minus(retention);
        int total = 0;
        int removed;
        do {
            removed = repository.deleteOlderThan(before, BATCH);
            total += removed;
        } while (removed == BATCH);
        if (total > 0) {
            log.info("removed {} message trace events older than {}", total, retention);
        }
        return total;
    }

    private void purgeQuietly() {
        try {
            purge();
        } catch (RuntimeException e) {
            log.warn("purging the message trace failed, trying again in {}: {}", interval, e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("message-trace-purge").daemon().factory());
        scheduler.scheduleWithFixedDelay(this::purgeQuietly, interval.toMillis(), interval.toMillis(),
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
