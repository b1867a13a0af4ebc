package org.mailplatform.store.trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the message trace. {@link #record} only puts events into a bounded in-memory
 * queue; a background thread writes them to PostgreSQL in batches. The mail path therefore never
 * waits on the database for its trace, and a failure to write events (database down, queue full,
 * a refused row) is logged and counted, never passed on: the trace is for operators, and losing a
 * few of its lines is better than delaying or failing mail.
 */
public final class BatchingMessageEventWriter implements MessageEventLog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BatchingMessageEventWriter.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final MessageEventRepository repository;
    private final BlockingQueue<MessageEvent> queue;
    private final int batchSize;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;
    private volatile boolean closing;

    public BatchingMessageEventWriter(MessageEventRepository repository, int capacity, int batchSize) {
        this.repository = repository;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.worker = Thread.ofPlatform().name("message-trace-writer").daemon().start(this::run);
    }

    @Override
    public void record(List<MessageEvent> events) {
        for (MessageEvent event : events) {
            if (closing || !queue.offer(event)) {
                if (dropped.getAndIncrement() % 1000 == 0) {
                    log.warn("message trace queue full or closed, event dropped: {} {}", event.kind().label(),
                            event.queueId());
                }
            }
        }
    }

    /** Events written to the database so far. */
    public long written() {
        return written.get();
    }

    /** Events lost: queue full, writer closed, or the database refused them. */
    public long dropped() {
        return dropped.get();
    }

    private void run() {
        List<MessageEvent> batch = new ArrayList<>(batchSize);
        while (!closing || !queue.isEmpty()) {
            try {
                MessageEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                write(batch);
            } catch (InterruptedException e) {
                if (!closing) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<MessageEvent> batch) {
        try {
            repository.insert(batch);
            written.addAndGet(batch.size());
        } catch (RuntimeException e) {
            dropped.addAndGet(batch.size());
            log.warn("could not write {} message trace events: {}", batch.size(), e.toString());
        }
    }

    /** Writes what is queued (waiting a few seconds at most) and stops the thread. */
    @Override
    public void close() {
        closing = true;
        try {
            worker.join(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
