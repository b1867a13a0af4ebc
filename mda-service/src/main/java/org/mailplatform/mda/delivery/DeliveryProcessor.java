package org.mailplatform.mda.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mailplatform.mda.sieve.SieveFilter;
import org.mailplatform.mda.sieve.SieveWork;
import org.mailplatform.records.DsnNotify;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.MailboxEvent;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.RecipientReport;
import org.mailplatform.store.delivery.DeliveryReport;
import org.mailplatform.store.delivery.DeliveryRequest;
import org.mailplatform.store.delivery.DeliveryTarget;
import org.mailplatform.store.delivery.MailDelivery;
import org.mailplatform.store.delivery.RecipientDelivery;
import org.mailplatform.store.message.IncomingMessage;
import org.mailplatform.store.message.MessageFlags;
import org.mailplatform.store.message.MessageIndexer;
import org.mailplatform.store.trace.MessageEvent;
import org.mailplatform.store.trace.MessageEventKind;
import org.mailplatform.store.trace.MessageEventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Delivers one decoded record: routes its pending recipients (refusing those the message has
 * already been delivered or forwarded for, see {@link DeliveredTo}), stores one body with a copy per
 * account in a single transaction, then hands on forwards, mailbox events and the report. Returns
 * only when all of it is acknowledged; any exception means "process the record again", which is
 * safe because the store's ledger turns a second delivery into {@code DUPLICATE}s.
 */
public final class DeliveryProcessor {

    private static final Logger log = LoggerFactory.getLogger(DeliveryProcessor.class);

    // RFC 3463 2.0.0 with the reply text of a successful delivery, for NOTIFY=SUCCESS (RFC 3461 4.1).
    static final String DELIVERED_STATUS = "2.0.0";
    static final String DELIVERED_DIAGNOSTIC = "250 2.0.0 Delivered";

    /**
     * The keyword clients use for "this is junk" (IANA IMAP keywords registry, RFC 5788):
     * Thunderbird and others show and train on it.
     */
    static final String JUNK_KEYWORD = "$Junk";

    private final RecipientRouter router;
    private final JunkMailboxes junkMailboxes;
    private final MessageIndexer indexer;
    private final MailDelivery store;
    private final OverQuotaPolicy overQuota;
    private final ReportAssembler reports;
    private final FollowUps followUps;
    private final ForwardSender forwardSender;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final String origin;
    private final MessageEventLog trace;
    private final SieveFilter sieve;

    /**
     * @param origin the name mailbox events carry as their origin replica
     * @param trace  where each stored copy and each refused recipient is traced
     */
    public DeliveryProcessor(RecipientRouter router, JunkMailboxes junkMailboxes, MessageIndexer indexer,
                             MailDelivery store, OverQuotaPolicy overQuota, ReportAssembler reports,
                             FollowUps followUps, ForwardSender forwardSender, DeliveryMetrics metrics, Clock clock,
                             String origin, MessageEventLog trace) {
        this(router, junkMailboxes, indexer, store, overQuota, reports, followUps, forwardSender, metrics, clock,
                origin, trace, SieveFilter.off());
    }

    /** @param sieve runs each account's active Sieve script (RFC 5228) */
    public DeliveryProcessor(RecipientRouter router, JunkMailboxes junkMailboxes, MessageIndexer indexer,
                             MailDelivery store, OverQuotaPolicy overQuota, ReportAssembler reports,
                             FollowUps followUps, ForwardSender forwardSender, DeliveryMetrics metrics, Clock clock,
                             String origin, MessageEventLog trace, SieveFilter sieve) {
        this.sieve = sieve;
        this.forwardSender = forwardSender;
        this.trace = trace;
        this.router = router;
        this.junkMailboxes = junkMailboxes;
        this.indexer = indexer;
        this.store = store;
        this.overQuota = overQuota;
        this.reports = reports;
        this.followUps = followUps;
        this.metrics = metrics;
        this.clock = clock;
        this.origin = origin;
    }

    /** @param recordTimestamp when the record reached {@code mail.delivery}, for the latency metric */
    public DeliveryOutcome process(MailRecord record, Instant recordTimestamp) {
        Prepared prepared = prepare(record, recordTimestamp, router, sieve);
        if (prepared == null) {
            return DeliveryOutcome.NOTHING;
        }
        DeliveryReport stored = prepared.targets.isEmpty() ? null : deliverInOneTransaction(record, prepared.copies);
        List<MailboxEvent> events = new ArrayList<>();
        DeliveryOutcome outcome = finish(prepared, stored, events);
        followUps.announce(events);
        return outcome;
    }

    /**
     * Delivers several records with one store transaction for all their copies, then hands on
     * each record's forwards, Sieve records and report, and publishes every mailbox event of the
     * batch together. Any exception means none of it may be taken as done: the caller processes
     * the records again one by one with {@link #process}, which the ledger makes safe.
     */
    public List<DeliveryOutcome> processAll(List<Incoming> records) {
        List<Prepared> prepared = new ArrayList<>();
        RecipientRouter batchRouter = router.resolvingOnce();
        SieveFilter batchSieve = sieve.lookingUpOnce();
        for (Incoming in : records) {
            prepared.add(DeliveryContext.call(in.record(),
                    () -> prepare(in.record(), in.timestamp(), batchRouter, batchSieve)));
        }
        List<DeliveryRequest> requests = new ArrayList<>();
        for (Prepared p : prepared) {
            if (p != null && !p.targets.isEmpty()) {
                requests.add(request(p.record, indexer.index(p.record.message()), p.copies));
            }
        }
        Iterator<DeliveryReport> stored = store.deliverAll(requests).iterator();
        List<MailboxEvent> events = new ArrayList<>();
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        for (Prepared p : prepared) {
            if (p == null) {
                outcomes.add(DeliveryOutcome.NOTHING);
            } else {
                DeliveryReport report = p.targets.isEmpty() ? null : stored.next();
                outcomes.add(DeliveryContext.call(p.record, () -> finish(p, report, events)));
            }
        }
        followUps.announceAll(events);
        return outcomes;
    }

    /** A record and when it reached {@code mail.delivery}. */
    public record Incoming(MailRecord record, Instant timestamp) {
    }

    /** Routes the pending recipients and runs Sieve; null when there is nobody to deliver to. */
    private Prepared prepare(MailRecord record, Instant recordTimestamp, RecipientRouter router, SieveFilter sieve) {
        List<Recipient> pending = record.envelope().pendingRecipients();
        if (pending.isEmpty()) {
            log.info("no pending recipient, nothing to deliver");
            return null;
        }
        Tally tally = new Tally(record.envelope().queueId(), clock.instant());
        Set<String> beenThere = DeliveredTo.addresses(record.message());
        List<Recipient> routable = new ArrayList<>();
        for (Recipient recipient : pending) {
            if (beenThere.contains(DeliveredTo.key(recipient.address()))) {
                tally.fail(recipient, FailureReason.FORWARDING_LOOP);
            } else {
                routable.add(recipient);
            }
        }
        Routing routing = router.route(routable);
        routing.failures().forEach(f -> tally.fail(f.recipient(), f.reason()));
        List<Routing.Target> targets = new ArrayList<>();
        for (Routing.Target target : routing.targets()) {
            if (beenThere.contains(target.account().address().key())) {
                tally.fail(target, FailureReason.FORWARDING_LOOP);
            } else {
                targets.add(target);
            }
        }
        MailEnvelope envelope = record.envelope();
        // Sieve (RFC 5228): the account's active script turns its plain copy into the copies it asks for.
        List<DeliveryTarget> copies = new ArrayList<>();
        for (Routing.Target t : targets) {
            copies.addAll(sieve.copies(record, t.account(), t.recipients().getFirst().address(), copyFor(envelope, t),
                    tally.sieve));
        }
        return new Prepared(record, recordTimestamp, tally, routing, targets, copies);
    }

    /**
     * Takes in what the store did with a record's copies and hands on its forwards, Sieve records
     * and report; the mailbox events are added to {@code events} for the caller to publish.
     */
    private DeliveryOutcome finish(Prepared prepared, DeliveryReport stored, List<MailboxEvent> events) {
        MailRecord record = prepared.record;
        Tally tally = prepared.tally;
        Routing routing = prepared.routing;
        if (stored != null) {
            fileCopies(prepared, stored);
        }
        if (!routing.forwards().isEmpty()) {
            // One record for all forwards: its sender is rewritten into the domain of the first alias that forwarded.
            String sender = forwardSender.of(record.envelope().mailFrom(), routing.forwards().getFirst().via().address());
            followUps.forward(ForwardRecords.forward(record, routing.forwards(), sender));
            metrics.forwarded(routing.forwards().size());
        }
        // Sieve: redirects, rejection notices and vacation replies, only once the copies are committed.
        sieve.publish(tally.sieve, followUps::forward);
        tally.traced.addAll(tally.sieve.traced());
        events.addAll(tally.events);
        List<RecipientReport> reported = List.copyOf(tally.reported.values());
        if (!reported.isEmpty()) {
            followUps.report(reports.report(record.envelope(), record.message(), reported));
        }
        trace.record(tally.traced);
        log.info("delivered {} cop{} ({} already there), forwarded to {}, reported {} recipient{}",
                tally.delivered, tally.delivered == 1 ? "y" : "ies", tally.duplicates, routing.forwards().size(),
                reported.size(), reported.size() == 1 ? "" : "s");
        return new DeliveryOutcome(tally.delivered, tally.duplicates, routing.forwards().size(), reported);
    }

    private void fileCopies(Prepared prepared, DeliveryReport stored) {
        MailRecord record = prepared.record;
        Tally tally = prepared.tally;
        MailEnvelope envelope = record.envelope();
        Map<String, String> mailboxNames = new LinkedHashMap<>();
        prepared.copies.forEach(c -> mailboxNames.put(c.accountId() + "#" + c.copy(), c.mailbox().orElse("INBOX")));
        metrics.committed(prepared.timestamp, clock.instant());
        if (stored.bodyId().isPresent()) {
            metrics.stored(record.message().length);
        }
        Map<Long, Routing.Target> byAccount = new LinkedHashMap<>();
        prepared.targets.forEach(t -> byAccount.put(t.account().id(), t));
        List<Recipient> succeeded = new ArrayList<>();
        Set<Long> withACopy = new HashSet<>();
        for (RecipientDelivery copy : stored.recipients()) {
            if (copy.status() == RecipientDelivery.Status.DELIVERED || copy.status() == RecipientDelivery.Status.DUPLICATE) {
                withACopy.add(copy.accountId());
            }
        }
        for (RecipientDelivery copy : stored.recipients()) {
            Routing.Target target = byAccount.get(copy.accountId());
            switch (copy.status()) {
                case DELIVERED -> {
                    tally.delivered++;
                    metrics.delivered();
                    if (envelope.isJunk()) {
                        metrics.filedAsJunk();
                    }
                    tally.events.add(newMessage(target, copy, envelope));
                    tally.delivered(target, copy, mailboxNames.get(copy.accountId() + "#" + copy.copy()));
                    succeeded.addAll(target.recipients());
                }
                case DUPLICATE -> {
                    tally.duplicates++;
                    metrics.duplicate();
                    // Announced again: the first attempt may have stopped between commit and event.
                    if (copy.mailboxId() > 0 && copy.uid() > 0) {
                        tally.events.add(newMessage(target, copy, envelope));
                    }
                }
                case OVER_QUOTA -> {
                    // A further copy a Sieve script asked for (keep and fileinto, :copy) found no room, but the
                    // account has the message: it was delivered, and nothing is reported (RFC 5228 2.10.6).
                    if (withACopy.contains(copy.accountId())) {
                        log.info("no room for the copy in {} for {}: over quota", mailboxNames.get(copy.accountId()
                                + "#" + copy.copy()), target.account().address());
                    } else {
                        tally.fail(target, overQuota.reasonFor(envelope.receivedAt()));
                    }
                }
                case NO_SUCH_ACCOUNT -> tally.fail(target, FailureReason.ACCOUNT_GONE);
            }
        }
        for (Recipient recipient : succeeded) {
            // RFC 3461 4.1: NOTIFY=SUCCESS asks for a "delivered" DSN. A failure of the same
            // recipient (an alias with another target) was recorded first and wins.
            if (recipient.dsnNotify().contains(DsnNotify.SUCCESS)) {
                tally.reported.putIfAbsent(recipient,
                        RecipientReport.of(recipient, DELIVERED_STATUS, DELIVERED_DIAGNOSTIC));
            }
        }
    }

    private DeliveryReport deliverInOneTransaction(MailRecord record, List<DeliveryTarget> copies) {
        try {
            return store.deliver(request(record, indexer.index(record.message()), copies));
        } catch (DataIntegrityViolationException e) {
            // The bytes are what matters; what the parser made of them can be rebuilt by a reader.
            log.warn("the database refused the parsed form of the message ({}); storing it unparsed",
                    e.getMostSpecificCause().getMessage());
            return store.deliver(request(record, IncomingMessage.raw(record.message()), copies));
        }
    }

    private static DeliveryRequest request(MailRecord record, IncomingMessage message, List<DeliveryTarget> copies) {
        // RFC 9051 2.3.3: INTERNALDATE is when the message was received, the same on every redelivery.
        return new DeliveryRequest(record.envelope().queueId(), message, record.envelope().receivedAt(), copies);
    }

    private DeliveryTarget copyFor(MailEnvelope envelope, Routing.Target target) {
        long accountId = target.account().id();
        byte[] prefix = DeliveryHeaders.prefix(envelope.mailFrom(), target.account().address());
        if (!envelope.isJunk()) {
            return DeliveryTarget.inbox(accountId, prefix);
        }
        log.info("filing as junk for {}: {}", target.account().address(), envelope.junk().reason());
        return new DeliveryTarget(accountId, junkMailboxes.nameFor(accountId), prefix,
                MessageFlags.of(List.of(), List.of(JUNK_KEYWORD)));
    }

    private MailboxEvent newMessage(Routing.Target target, RecipientDelivery copy, MailEnvelope envelope) {
        return MailboxEvent.messages(MailboxEventKind.NEW_MESSAGE, target.account().address().toString(),
                        copy.mailboxId(), copy.uidValidity(), List.of(copy.uid()), copy.modseq(), origin)
                .withTraceId(envelope.traceId());
    }

    /** A routed record waiting for its copies to be stored. */
    private record Prepared(MailRecord record, Instant timestamp, Tally tally, Routing routing,
                            List<Routing.Target> targets, List<DeliveryTarget> copies) {
    }

    /** What one record's delivery found, gathered for the follow-up records. */
    private final class Tally {
        final Map<Recipient, RecipientReport> reported = new LinkedHashMap<>();
        final List<MailboxEvent> events = new ArrayList<>();
        final List<MessageEvent> traced = new ArrayList<>();
        final SieveWork sieve = new SieveWork();
        final String queueId;
        final Instant at;
        int delivered;
        int duplicates;

        Tally(String queueId, Instant at) {
            this.queueId = queueId;
            this.at = at;
        }

        void delivered(Routing.Target target, RecipientDelivery copy, String mailbox) {
            for (Recipient recipient : target.recipients()) {
                traced.add(MessageEvent.of(MessageEventKind.DELIVERED, queueId, "mda", at).recipient(recipient.address())
                        .put("account", target.account().address()).put("mailbox", mailbox)
                        .put("uidValidity", copy.uidValidity()).put("uid", copy.uid()).build());
            }
        }

        private void refused(Recipient recipient, FailureReason reason) {
            traced.add(MessageEvent.of(MessageEventKind.BOUNCED, queueId, "mda", at).recipient(recipient.address())
                    .put("status", reason.status()).put("reply", reason.diagnostic()).build());
        }

        void fail(Recipient recipient, FailureReason reason) {
            metrics.failed(reason);
            refused(recipient, reason);
            reported.putIfAbsent(recipient, RecipientReport.of(recipient, reason.status(), reason.diagnostic()));
        }

        /** One account got no copy: every recipient that led to it is reported. */
        void fail(Routing.Target target, FailureReason reason) {
            metrics.failed(reason);
            log.info("no copy for {}: {}", target.account().address(), reason.diagnostic());
            for (Recipient recipient : target.recipients()) {
                refused(recipient, reason);
                reported.putIfAbsent(recipient, RecipientReport.of(recipient, reason.status(), reason.diagnostic()));
            }
        }
    }
}
