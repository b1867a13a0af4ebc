package org.mailplatform.imap.sync;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.mailplatform.records.MailboxEvent;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.records.publish.MailboxEventPublisher;
import org.mailplatform.records.publish.PublishException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads a change this replica made: at once to the other sessions of this replica that have the
 * mailbox selected, and through {@code mailbox.events} to every other replica. Publishing runs in
 * the background: the store is the truth and an event only wakes sessions up, so a command never
 * waits for Kafka, and a lost event costs only promptness (the next command reads the store). So
 * while Kafka is slow or away, at most {@value #MAX_QUEUED_EVENTS} events wait and later ones are
 * dropped (counted and logged): each STORE a client sends makes an event, and an unbounded queue
 * would grow with them for as long as the broker is gone.
 */
public final class MailboxChanges implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MailboxChanges.class);

    private final SessionRegistry registry;
    private final MailboxEventPublisher publisher;
    private final String replicaId;
    static final int MAX_QUEUED_EVENTS = 10_000;
    private static final long CLOSE_GRACE_SECONDS = 5;

    private final ThreadPoolExecutor background;
    private final AtomicLong dropped = new AtomicLong();

    /** @param publisher null to tell only this replica's sessions */
    public MailboxChanges(SessionRegistry registry, MailboxEventPublisher publisher, String replicaId) {
        this(registry, publisher, replicaId, MAX_QUEUED_EVENTS);
    }

    MailboxChanges(SessionRegistry registry, MailboxEventPublisher publisher, String replicaId, int maxQueued) {
        this.registry = registry;
        this.publisher = publisher;
        this.replicaId = replicaId;
        this.background = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(maxQueued),
                Thread.ofVirtual().name("imap-events-out-", 0).factory(), (event, executor) -> droppedOne());
    }

    /** Events waiting to be published. */
    public int queued() {
        return background.getQueue().size();
    }

    /** Events dropped because too many were waiting. */
    public long dropped() {
        return dropped.get();
    }

    private void droppedOne() {
        long count = dropped.incrementAndGet();
        if (count % 1000 == 1) {
            log.warn("{} mailbox events dropped: {} wait for Kafka already; sessions on other replicas see the changes"
                    + " at their next command", count, MAX_QUEUED_EVENTS);
        }
    }

    public void messages(MailboxEventKind kind, String account, long mailboxId, long uidValidity, List<Long> uids,
                         long modseq, MailboxWatcher origin) {
        if (uids.isEmpty()) {
            return;
        }
        registry.changed(mailboxId, origin);
        publish(MailboxEvent.messages(kind, account, mailboxId, uidValidity, uids.stream().sorted().distinct().toList(),
                modseq, replicaId));
    }

    /** A change with no event of its own: only this replica's sessions are told to look. */
    public void touched(long mailboxId, MailboxWatcher origin) {
        registry.changed(mailboxId, origin);
    }

    public void mailbox(MailboxEventKind kind, String account, long mailboxId, String name, long uidValidity) {
        publish(MailboxEvent.mailbox(kind, account, mailboxId, name, uidValidity, replicaId));
    }

    public void renamed(String account, long mailboxId, String previousName, String newName, long uidValidity) {
        publish(MailboxEvent.renamed(account, mailboxId, previousName, newName, uidValidity, replicaId));
    }

    private void publish(MailboxEvent event) {
        if (publisher == null) {
            return;
        }
        background.execute(() -> {
            try {
                publisher.publish(event);
            } catch (PublishException | RuntimeException e) {
                log.warn("mailbox event {} for mailbox {} not published: {}", event.kind(), event.mailboxId(), e.getMessage());
            }
        });
    }

    /** Publishes what waits for a few seconds at most: a missing broker must not hold the shutdown. */
    @Override
    public void close() {
        background.shutdown();
        try {
            if (!background.awaitTermination(CLOSE_GRACE_SECONDS, TimeUnit.SECONDS)) {
                log.warn("{} mailbox events not published at shutdown", background.shutdownNow().size());
            }
        } catch (InterruptedException e) {
            background.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
