package org.mailplatform.imap.sync;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
 * waits for Kafka, and a lost event costs only promptness (the next command reads the store).
 */
public final class MailboxChanges implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MailboxChanges.class);

    private final SessionRegistry registry;
    private final MailboxEventPublisher publisher;
    private final String replicaId;
    private final ExecutorService background = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("imap-events-out-", 0).factory());

    /** @param publisher null to tell only this replica's sessions */
    public MailboxChanges(SessionRegistry registry, MailboxEventPublisher publisher, String replicaId) {
        this.registry = registry;
        this.publisher = publisher;
        this.replicaId = replicaId;
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

    @Override
    public void close() {
        background.close();
    }
}
