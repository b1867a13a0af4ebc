package org.mailplatform.store.delivery;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.StorageUsage;
import org.mailplatform.store.delivery.RecipientDelivery.Status;
import org.mailplatform.store.mailbox.Mailbox;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.mailbox.UidAllocator;
import org.mailplatform.store.mailbox.UidAllocator.Allocation;
import org.mailplatform.store.message.BodyStore;
import org.mailplatform.store.message.MessageEntries;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The MDA's one call: in a single database transaction, store the body once and file a copy for
 * each recipient, each copy guarded by the idempotency ledger so a redelivered Kafka record adds
 * nothing (the design's at-least-once consumers must be idempotent).
 *
 * <p>Locks are taken ledger rows first (sorted), then account rows (ascending id, quota), then
 * mailbox rows (ascending id, UIDs), the order every writer in the store follows. The body row is
 * written between the ledger and the accounts: a new row nobody else can wait for, and the
 * longest step, which so runs before the account's lock is held.
 */
public final class MailDelivery {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AccountRepository accounts;
    private final MailboxRepository mailboxes;
    private final StorageUsage usage;
    private final UidAllocator allocator;
    private final BodyStore bodies;
    private final MessageEntries entries;
    private final BatchFiling batch;

    public MailDelivery(JdbcClient jdbc, TransactionTemplate tx, AccountRepository accounts, MailboxRepository mailboxes,
                        StorageUsage usage, UidAllocator allocator, BodyStore bodies, MessageEntries entries) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.accounts = accounts;
        this.mailboxes = mailboxes;
        this.usage = usage;
        this.allocator = allocator;
        this.bodies = bodies;
        this.entries = entries;
        this.batch = new BatchFiling(jdbc, accounts, mailboxes, usage, allocator, bodies, entries);
    }

    public DeliveryReport deliver(DeliveryRequest request) {
        return tx.execute(status -> deliverInTransaction(request));
    }

    /**
     * Files many requests in one transaction, each with the outcome {@link #deliver} would give
     * it, in request order. Either all are stored or, when it throws, none.
     */
    public List<DeliveryReport> deliverAll(List<DeliveryRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        return tx.execute(status -> batch.file(requests));
    }

    /** Forgets ledger rows older than {@code cutoff}; keep them longer than Kafka retains records. */
    public int pruneLedger(Instant cutoff) {
        return jdbc.sql("DELETE FROM delivery_ledger WHERE delivered_at < :cutoff")
                .param("cutoff", cutoff.atOffset(ZoneOffset.UTC))
                .update();
    }

    private DeliveryReport deliverInTransaction(DeliveryRequest request) {
        Map<String, RecipientDelivery> outcomes = new LinkedHashMap<>();
        List<Pending> claimed = new ArrayList<>();
        for (DeliveryTarget target : distinctCopies(request.targets())) {
            outcomes.put(slot(target), null);
            Optional<Account> account = accounts.findById(target.accountId());
            if (account.isEmpty()) {
                outcomes.put(slot(target), failed(target, Status.NO_SUCH_ACCOUNT));
            } else {
                claimed.add(new Pending(target, ledgerKey(account.get().address().key(), target),
                        target.headerPrefix().length + (long) request.message().content().length));
            }
        }
        claimed.sort(Comparator.comparing(Pending::key));
        List<Pending> toStore = new ArrayList<>();
        for (Pending p : claimed) {
            Optional<RecipientDelivery> earlier = claim(request.queueId(), p);
            if (earlier.isPresent()) {
                outcomes.put(slot(p.target), earlier.get());
            } else {
                toStore.add(p);
            }
        }
        toStore.sort(Comparator.comparingLong(p -> p.target.accountId()));
        // The body goes in before the account rows are locked for quota (see BatchFiling).
        long bodyId = toStore.isEmpty() ? 0 : bodies.insert(request.message());
        List<Pending> withRoom = new ArrayList<>();
        for (Pending p : toStore) {
            if (usage.reserve(p.target.accountId(), p.size)) {
                withRoom.add(p);
            } else {
                unclaim(request.queueId(), p);
                outcomes.put(slot(p.target), failed(p.target, Status.OVER_QUOTA));
            }
        }
        if (withRoom.isEmpty()) {
            if (bodyId > 0) {
                bodies.deleteUnreferenced(List.of(bodyId));
            }
            return new DeliveryReport(OptionalLong.empty(), List.copyOf(outcomes.values()));
        }
        List<Filing> filings = new ArrayList<>();
        for (Pending p : withRoom) {
            filings.add(new Filing(p, targetMailbox(p.target)));
        }
        filings.sort(Comparator.comparingLong(f -> f.mailbox.id()));
        for (Filing f : filings) {
            Allocation a = allocator.allocate(f.mailbox.id(), 1);
            DeliveryTarget t = f.pending.target;
            entries.insert(a.mailboxId(), a.firstUid(), bodyId, t.headerPrefix(), f.pending.size, a.modseq(),
                    t.flags(), request.internalDate());
            RecipientDelivery done = new RecipientDelivery(t.accountId(), Status.DELIVERED, a.mailboxId(),
                    a.uidValidity(), a.firstUid(), a.modseq(), f.pending.size, t.copy());
            record(request.queueId(), f.pending, done);
            outcomes.put(slot(t), done);
        }
        return new DeliveryReport(OptionalLong.of(bodyId), List.copyOf(outcomes.values()));
    }

    private Mailbox targetMailbox(DeliveryTarget target) {
        return target.mailbox()
                .flatMap(name -> mailboxes.find(target.accountId(), name))
                .filter(Mailbox::selectable)
                .orElseGet(() -> mailboxes.inbox(target.accountId()));
    }

    /** Claims the ledger row, or returns what an earlier delivery of this queue id stored. */
    private Optional<RecipientDelivery> claim(String queueId, Pending p) {
        while (true) {
            // A concurrent delivery of the same record waits here until the first one ends.
            boolean inserted = jdbc.sql("""
                            INSERT INTO delivery_ledger (queue_id, recipient, account_id) VALUES (:queue, :recipient, :account)
                            ON CONFLICT (queue_id, recipient) DO NOTHING
                            """)
                    .param("queue", queueId)
                    .param("recipient", p.key)
                    .param("account", p.target.accountId())
                    .update() == 1;
            if (inserted) {
                return Optional.empty();
            }
            Optional<RecipientDelivery> earlier = jdbc.sql("""
                            SELECT mailbox_id, uid_validity, uid, modseq FROM delivery_ledger
                             WHERE queue_id = :queue AND recipient = :recipient
                            """)
                    .param("queue", queueId)
                    .param("recipient", p.key)
                    .query((rs, row) -> new RecipientDelivery(p.target.accountId(), Status.DUPLICATE,
                            rs.getLong("mailbox_id"), rs.getLong("uid_validity"), rs.getLong("uid"),
                            rs.getLong("modseq"), p.size, p.target.copy()))
                    .optional();
            if (earlier.isPresent()) {
                return earlier;
            }
            // The row was given up (over quota) between the two statements: claim it again.
        }
    }

    private void unclaim(String queueId, Pending p) {
        jdbc.sql("DELETE FROM delivery_ledger WHERE queue_id = :queue AND recipient = :recipient")
                .param("queue", queueId)
                .param("recipient", p.key)
                .update();
    }

    private void record(String queueId, Pending p, RecipientDelivery done) {
        jdbc.sql("""
                        UPDATE delivery_ledger SET mailbox_id = :mailbox, uid_validity = :validity, uid = :uid, modseq = :modseq
                         WHERE queue_id = :queue AND recipient = :recipient
                        """)
                .param("mailbox", done.mailboxId())
                .param("validity", done.uidValidity())
                .param("uid", done.uid())
                .param("modseq", done.modseq())
                .param("queue", queueId)
                .param("recipient", p.key)
                .update();
    }

    static List<DeliveryTarget> distinctCopies(List<DeliveryTarget> targets) {
        Map<String, DeliveryTarget> bySlot = new LinkedHashMap<>();
        for (DeliveryTarget t : targets) {
            bySlot.putIfAbsent(slot(t), t);
        }
        return List.copyOf(bySlot.values());
    }

    static String slot(DeliveryTarget t) {
        return t.accountId() + "#" + t.copy();
    }

    /** An account's one copy is keyed by its address; each further copy by the address and the copy's name. */
    static String ledgerKey(String address, DeliveryTarget t) {
        return t.copy().isEmpty() ? address : address + "#" + t.copy();
    }

    static RecipientDelivery failed(DeliveryTarget target, Status status) {
        return new RecipientDelivery(target.accountId(), status, 0, 0, 0, 0, 0, target.copy());
    }

    private record Pending(DeliveryTarget target, String key, long size) {
    }

    private record Filing(Pending pending, Mailbox mailbox) {
    }
}
