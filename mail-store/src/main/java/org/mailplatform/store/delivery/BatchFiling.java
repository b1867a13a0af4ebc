package org.mailplatform.store.delivery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

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

/**
 * Files many delivery requests inside one caller's transaction with a fixed number of statements
 * per step instead of several per copy: ledger rows claimed together, quota reserved per account,
 * bodies and messages written with multi-row inserts, UIDs and one MODSEQ taken once per mailbox.
 * The outcome of each request is what {@link MailDelivery#deliver} would have reported for it.
 *
 * <p>Locks follow the store's order: ledger rows (sorted), accounts (ascending id), mailboxes
 * (ascending id).
 */
final class BatchFiling {

    private final JdbcClient jdbc;
    private final AccountRepository accounts;
    private final MailboxRepository mailboxes;
    private final StorageUsage usage;
    private final UidAllocator allocator;
    private final BodyStore bodies;
    private final MessageEntries entries;

    BatchFiling(JdbcClient jdbc, AccountRepository accounts, MailboxRepository mailboxes, StorageUsage usage,
                UidAllocator allocator, BodyStore bodies, MessageEntries entries) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.mailboxes = mailboxes;
        this.usage = usage;
        this.allocator = allocator;
        this.bodies = bodies;
        this.entries = entries;
    }

    List<DeliveryReport> file(List<DeliveryRequest> requests) {
        List<Map<String, RecipientDelivery>> outcomes = new ArrayList<>();
        Map<Long, Account> known = accounts.findAllById(requests.stream()
                .flatMap(r -> r.targets().stream()).map(DeliveryTarget::accountId).distinct().toList());
        // A ledger key twice in one batch (the same record twice): the first copy is filed, the others follow it.
        Map<LedgerKey, Pending> firsts = new LinkedHashMap<>();
        List<Pending> followers = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            DeliveryRequest request = requests.get(i);
            Map<String, RecipientDelivery> slots = new LinkedHashMap<>();
            outcomes.add(slots);
            for (DeliveryTarget target : MailDelivery.distinctCopies(request.targets())) {
                slots.put(MailDelivery.slot(target), null);
                Account account = known.get(target.accountId());
                if (account == null) {
                    slots.put(MailDelivery.slot(target), MailDelivery.failed(target, Status.NO_SUCH_ACCOUNT));
                    continue;
                }
                Pending p = new Pending(i, target, new LedgerKey(request.queueId(),
                        MailDelivery.ledgerKey(account.address().key(), target)),
                        target.headerPrefix().length + (long) request.message().content().length);
                if (firsts.putIfAbsent(p.key, p) != null) {
                    followers.add(p);
                }
            }
        }
        List<Pending> claimed = new ArrayList<>(firsts.values());
        claimed.sort(Comparator.comparing(Pending::key));
        List<Pending> toStore = claim(claimed, outcomes);
        // The bodies go in before the account rows are locked for quota: writing a large body is
        // the longest step of the transaction, and concurrent deliveries to the same account only
        // queue behind each other from the quota on. A body none of whose copies finds room is
        // removed again (rare: over quota).
        long[] bodyIds = storeBodies(requests, toStore);
        List<Pending> withRoom = reserve(toStore, outcomes);
        removeUnfiled(bodyIds, withRoom);

        List<Filing> filings = new ArrayList<>();
        Map<String, Mailbox> byName = new HashMap<>();
        Map<Long, Mailbox> inboxes = mailboxes.inboxes(withRoom.stream().map(p -> p.target.accountId()).toList());
        for (Pending p : withRoom) {
            filings.add(new Filing(p, targetMailbox(p.target, byName, inboxes)));
        }
        Map<Long, List<Filing>> byMailbox = new TreeMap<>();
        filings.forEach(f -> byMailbox.computeIfAbsent(f.mailbox.id(), id -> new ArrayList<>()).add(f));
        List<MessageEntries.Entry> rows = new ArrayList<>();
        List<Recorded> recorded = new ArrayList<>();
        for (Map.Entry<Long, List<Filing>> box : byMailbox.entrySet()) {
            List<Filing> inBox = box.getValue();
            // RFC 9051 2.3.1.1: consecutive UIDs for the batch's messages, in the order they were received.
            Allocation a = allocator.allocate(box.getKey(), inBox.size());
            for (int k = 0; k < inBox.size(); k++) {
                Filing f = inBox.get(k);
                DeliveryTarget t = f.pending.target;
                DeliveryRequest request = requests.get(f.pending.request);
                long uid = a.firstUid() + k;
                rows.add(new MessageEntries.Entry(a.mailboxId(), uid, bodyIds[f.pending.request], t.headerPrefix(),
                        f.pending.size, a.modseq(), t.flags(), request.internalDate()));
                RecipientDelivery done = new RecipientDelivery(t.accountId(), Status.DELIVERED, a.mailboxId(),
                        a.uidValidity(), uid, a.modseq(), f.pending.size, t.copy());
                recorded.add(new Recorded(f.pending.key, done));
                outcomes.get(f.pending.request).put(MailDelivery.slot(t), done);
            }
        }
        entries.insertAll(rows);
        record(recorded);
        for (Pending p : followers) {
            RecipientDelivery first = outcomes.get(firsts.get(p.key).request).get(MailDelivery.slot(firsts.get(p.key).target));
            boolean stored = first.status() == Status.DELIVERED || first.status() == Status.DUPLICATE;
            outcomes.get(p.request).put(MailDelivery.slot(p.target), stored
                    ? new RecipientDelivery(first.accountId(), Status.DUPLICATE, first.mailboxId(), first.uidValidity(),
                            first.uid(), first.modseq(), first.size(), p.target.copy())
                    : MailDelivery.failed(p.target, first.status()));
        }
        List<DeliveryReport> reports = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            OptionalLong body = bodyIds[i] > 0 ? OptionalLong.of(bodyIds[i]) : OptionalLong.empty();
            reports.add(new DeliveryReport(body, List.copyOf(outcomes.get(i).values())));
        }
        return reports;
    }

    /**
     * Inserts the ledger rows; those that exist already are duplicates and report what the earlier
     * delivery stored. Returns the copies still to store. A concurrent delivery of the same record
     * makes the insert wait until it ends.
     */
    private List<Pending> claim(List<Pending> claimed, List<Map<String, RecipientDelivery>> outcomes) {
        List<Pending> toStore = new ArrayList<>();
        List<Pending> remaining = claimed;
        while (!remaining.isEmpty()) {
            List<LedgerKey> inserted = jdbc.sql("""
                            INSERT INTO delivery_ledger (queue_id, recipient, account_id)
                            SELECT * FROM unnest(CAST(:queues AS text[]), CAST(:recipients AS text[]), CAST(:accounts AS bigint[]))
                            ON CONFLICT (queue_id, recipient) DO NOTHING
                            RETURNING queue_id, recipient
                            """)
                    .param("queues", remaining.stream().map(p -> p.key.queueId).toArray(String[]::new))
                    .param("recipients", remaining.stream().map(p -> p.key.recipient).toArray(String[]::new))
                    .param("accounts", remaining.stream().mapToLong(p -> p.target.accountId()).toArray())
                    .query((rs, row) -> new LedgerKey(rs.getString(1), rs.getString(2)))
                    .list();
            Set<LedgerKey> ours = new HashSet<>(inserted);
            List<Pending> taken = remaining.stream().filter(p -> !ours.contains(p.key)).toList();
            remaining.stream().filter(p -> ours.contains(p.key)).forEach(toStore::add);
            Map<LedgerKey, RecipientDelivery> earlier = earlier(taken);
            List<Pending> again = new ArrayList<>();
            for (Pending p : taken) {
                RecipientDelivery e = earlier.get(p.key);
                if (e == null) {
                    // The row was given up (over quota) between the two statements: claim it again.
                    again.add(p);
                } else {
                    outcomes.get(p.request).put(MailDelivery.slot(p.target), new RecipientDelivery(
                            p.target.accountId(), Status.DUPLICATE, e.mailboxId(), e.uidValidity(), e.uid(), e.modseq(),
                            p.size, p.target.copy()));
                }
            }
            remaining = again;
        }
        return toStore;
    }

    private Map<LedgerKey, RecipientDelivery> earlier(List<Pending> taken) {
        if (taken.isEmpty()) {
            return Map.of();
        }
        Map<LedgerKey, RecipientDelivery> found = new HashMap<>();
        jdbc.sql("""
                        SELECT l.queue_id, l.recipient, l.mailbox_id, l.uid_validity, l.uid, l.modseq
                          FROM delivery_ledger l
                          JOIN unnest(CAST(:queues AS text[]), CAST(:recipients AS text[])) AS k(queue_id, recipient)
                            ON l.queue_id = k.queue_id AND l.recipient = k.recipient
                        """)
                .param("queues", taken.stream().map(p -> p.key.queueId).toArray(String[]::new))
                .param("recipients", taken.stream().map(p -> p.key.recipient).toArray(String[]::new))
                .query(rs -> {
                    found.put(new LedgerKey(rs.getString(1), rs.getString(2)), new RecipientDelivery(0,
                            Status.DUPLICATE, rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), 0));
                });
        return found;
    }

    /**
     * Reserves quota per account: the whole batch's bytes at once when they fit, which is the
     * usual case, otherwise copy by copy in order so the copies that fit are still stored.
     */
    private List<Pending> reserve(List<Pending> toStore, List<Map<String, RecipientDelivery>> outcomes) {
        Map<Long, List<Pending>> byAccount = new TreeMap<>();
        toStore.forEach(p -> byAccount.computeIfAbsent(p.target.accountId(), id -> new ArrayList<>()).add(p));
        List<Pending> withRoom = new ArrayList<>();
        for (Map.Entry<Long, List<Pending>> account : byAccount.entrySet()) {
            List<Pending> copies = account.getValue();
            long total = copies.stream().mapToLong(Pending::size).sum();
            if (copies.size() > 1 && usage.reserve(account.getKey(), total)) {
                withRoom.addAll(copies);
                continue;
            }
            // Claimed in ledger-key order (for the locks); room goes to the records in the order they came.
            copies.sort(Comparator.comparingInt(Pending::request));
            for (Pending p : copies) {
                if (usage.reserve(p.target.accountId(), p.size)) {
                    withRoom.add(p);
                } else {
                    jdbc.sql("DELETE FROM delivery_ledger WHERE queue_id = :queue AND recipient = :recipient")
                            .param("queue", p.key.queueId)
                            .param("recipient", p.key.recipient)
                            .update();
                    outcomes.get(p.request).put(MailDelivery.slot(p.target),
                            MailDelivery.failed(p.target, Status.OVER_QUOTA));
                }
            }
        }
        // In the order the records came, so UIDs follow it within each mailbox.
        withRoom.sort(Comparator.comparingInt(Pending::request));
        return withRoom;
    }

    /** One body per request that has a copy to store; 0 for the others. */
    private long[] storeBodies(List<DeliveryRequest> requests, List<Pending> toStore) {
        long[] bodyIds = new long[requests.size()];
        List<Integer> needed = toStore.stream().map(Pending::request).distinct().sorted().toList();
        long[] ids = bodies.insertAll(needed.stream().map(i -> requests.get(i).message()).toList());
        for (int k = 0; k < needed.size(); k++) {
            bodyIds[needed.get(k)] = ids[k];
        }
        return bodyIds;
    }

    /** Deletes the bodies of requests none of whose copies found room, and forgets their ids. */
    private void removeUnfiled(long[] bodyIds, List<Pending> withRoom) {
        Set<Integer> filed = new HashSet<>();
        withRoom.forEach(p -> filed.add(p.request));
        List<Long> unfiled = new ArrayList<>();
        for (int i = 0; i < bodyIds.length; i++) {
            if (bodyIds[i] > 0 && !filed.contains(i)) {
                unfiled.add(bodyIds[i]);
                bodyIds[i] = 0;
            }
        }
        bodies.deleteUnreferenced(unfiled);
    }

    private Mailbox targetMailbox(DeliveryTarget target, Map<String, Mailbox> byName, Map<Long, Mailbox> inboxes) {
        Optional<Mailbox> named = target.mailbox().flatMap(name -> Optional.ofNullable(byName.computeIfAbsent(
                target.accountId() + "/" + name,
                k -> mailboxes.find(target.accountId(), name).orElse(null))));
        return named.filter(Mailbox::selectable).orElseGet(() -> {
            Mailbox inbox = inboxes.get(target.accountId());
            return inbox != null ? inbox : mailboxes.inbox(target.accountId());
        });
    }

    private void record(List<Recorded> recorded) {
        if (recorded.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE delivery_ledger l
                           SET mailbox_id = v.mailbox, uid_validity = v.validity, uid = v.uid, modseq = v.modseq
                          FROM unnest(CAST(:queues AS text[]), CAST(:recipients AS text[]), CAST(:mailboxes AS bigint[]),
                                      CAST(:validities AS bigint[]), CAST(:uids AS bigint[]), CAST(:modseqs AS bigint[]))
                               AS v(queue_id, recipient, mailbox, validity, uid, modseq)
                         WHERE l.queue_id = v.queue_id AND l.recipient = v.recipient
                        """)
                .param("queues", recorded.stream().map(r -> r.key.queueId).toArray(String[]::new))
                .param("recipients", recorded.stream().map(r -> r.key.recipient).toArray(String[]::new))
                .param("mailboxes", recorded.stream().mapToLong(r -> r.done.mailboxId()).toArray())
                .param("validities", recorded.stream().mapToLong(r -> r.done.uidValidity()).toArray())
                .param("uids", recorded.stream().mapToLong(r -> r.done.uid()).toArray())
                .param("modseqs", recorded.stream().mapToLong(r -> r.done.modseq()).toArray())
                .update();
    }

    private record LedgerKey(String queueId, String recipient) implements Comparable<LedgerKey> {
        @Override
        public int compareTo(LedgerKey o) {
            int c = queueId.compareTo(o.queueId);
            return c != 0 ? c : recipient.compareTo(o.recipient);
        }
    }

    private record Pending(int request, DeliveryTarget target, LedgerKey key, long size) {
    }

    private record Filing(Pending pending, Mailbox mailbox) {
    }

    private record Recorded(LedgerKey key, RecipientDelivery done) {
    }
}
