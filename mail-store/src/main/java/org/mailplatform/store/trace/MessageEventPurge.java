package org.mailplatform.store.trace;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.mailplatform.store.support.PeriodicCleanup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes trace events older than the retention at a fixed interval, in batches so no statement
 * holds many row locks for long. Every replica of every service may run it at the same time:
 * the delete skips rows another replica holds ({@link MessageEventRepository#deleteOlderThan}).
 */
public final class MessageEventPurge extends PeriodicCleanup {

    private static final Logger log = LoggerFactory.getLogger(MessageEventPurge.class);
    private static final int BATCH = 5_000;

    private final MessageEventRepository repository;
    private final Duration retention;
    private final Clock clock;

    public MessageEventPurge(MessageEventRepository repository, Duration retention, Duration interval, Clock clock) {
        super("message-trace-purge", "purging the message trace", interval);
        this.repository = repository;
        this.retention = retention;
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

    @Override
    protected void cleanUp() {
        purge();
    }
}
