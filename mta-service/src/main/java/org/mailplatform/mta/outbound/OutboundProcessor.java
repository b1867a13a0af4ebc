package org.mailplatform.mta.outbound;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.mailplatform.mta.client.DeliveryOutcome;
import org.mailplatform.mta.dsn.DeliveryStatusNotice;
import org.mailplatform.mta.dsn.DsnAction;
import org.mailplatform.mta.dsn.DsnDispatcher;
import org.mailplatform.mta.dsn.DsnProperties;
import org.mailplatform.mta.dsn.DsnQueueIds;
import org.mailplatform.mta.dsn.DsnRecipient;
import org.mailplatform.mta.dsn.ReturnedContent;
import org.mailplatform.records.DsnNotify;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.RecipientState;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.publish.PublishException;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.records.topics.RetryTier;
import org.mailplatform.records.tracing.MailSpan;
import org.mailplatform.records.tracing.MailTracing;
import org.mailplatform.store.trace.MessageEvent;
import org.mailplatform.store.trace.MessageEventKind;
import org.mailplatform.store.trace.MessageEventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One delivery round for a batch of queued messages: local recipients to {@code mail.delivery}
 * (the whole batch's in one go), remote ones over SMTP, then per message the new recipient states, at most one DSN, and the
 * retry record for what is still pending. With tracing on, each message's round is a span
 * ({@value #ROUND_SPAN}) in the message's trace, with one child span per remote destination
 * ({@value #DELIVERY_SPAN}) that covers the round's remote attempts.
 */
public final class OutboundProcessor {

    private static final Logger log = LoggerFactory.getLogger(OutboundProcessor.class);

    public static final String ROUND_SPAN = "mta.route";
    public static final String DELIVERY_SPAN = "mta.deliver";

    private final Predicate<String> localDomain;
    private final RoutingTable routes;
    private final RemoteDelivery remote;
    private final MailRecordPublisher publisher;
    private final RetryPublisher retries;
    private final DsnDispatcher dsn;
    private final RetrySchedule schedule;
    private final DsnProperties dsnProperties;
    private final OutboundMetrics metrics;
    private final Clock clock;
    private final UnaryOperator<MailRecord> signer;
    private final MailTracing tracing;
    private final MessageEventLog events;

    /**
     * @param signer makes the record that leaves for remote recipients (DKIM signatures added),
     *               once per message before its first remote attempt
     * @param events where each attempt's result is traced
     */
    public OutboundProcessor(Predicate<String> localDomain, RoutingTable routes, RemoteDelivery remote,
                             MailRecordPublisher publisher, RetryPublisher retries, DsnDispatcher dsn,
                             RetrySchedule schedule, DsnProperties dsnProperties, OutboundMetrics metrics, Clock clock,
                             UnaryOperator<MailRecord> signer, MailTracing tracing, MessageEventLog events) {
        this.signer = signer;
        this.tracing = tracing;
        this.events = events;
        this.localDomain = localDomain;
        this.routes = routes;
        this.remote = remote;
        this.publisher = publisher;
        this.retries = retries;
        this.dsn = dsn;
        this.schedule = schedule;
        this.dsnProperties = dsnProperties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What became of one message's pending recipients before the remote attempt. */
    private record Plan(QueuedMessage message, MailRecord record, List<Recipient> local, List<DeliveryJob> jobs) {
    }

    /**
     * @return one entry per message, in order: null when everything it led to is acknowledged by
     *         Kafka, else the exception that stopped it (the message must be processed again)
     */
    public List<Exception> process(List<QueuedMessage> batch) {
        List<Exception> failures = new ArrayList<>();
        List<Plan> plans = new ArrayList<>();
        List<MailSpan> spans = new ArrayList<>();
        Map<String, Boolean> localDomains = new HashMap<>();
        for (QueuedMessage message : batch) {
            MailSpan span = tracing.consume(ROUND_SPAN, message.traceCarrier())
                    .tag(MailSpan.QUEUE_ID, message.record().queueId())
                    .tagMessageId(message.record().message());
            spans.add(span);
            try {
                plans.add(plan(message, localDomains));
                failures.add(null);
            } catch (RuntimeException e) {
                span.error(e);
                plans.add(null);
                failures.add(e);
            }
        }
        handOffLocal(plans, spans, failures);
        List<DeliveryJob> jobs = plans.stream().filter(p -> p != null).flatMap(p -> p.jobs().stream()).toList();
        Instant remoteStart = clock.instant();
        Map<DeliveryJob, List<RecipientAttempt>> attempts = jobs.isEmpty() ? Map.of() : remote.deliver(jobs);
        for (int i = 0; i < plans.size(); i++) {
            Plan plan = plans.get(i);
            MailSpan span = spans.get(i);
            if (plan == null) {
                span.end();
                continue;
            }
            traceRemoteAttempts(span, plan, attempts, remoteStart);
            MDC.put("queueId", plan.message().record().queueId());
            try (MailSpan.MailScope scope = span.inScope()) {
                finish(plan, attempts);
            } catch (PublishException | RuntimeException e) {
                span.error(e);
                log.warn("processing {} failed, it will be processed again: {}", plan.message().record().queueId(), e.toString());
                failures.set(i, e);
            } finally {
                span.end();
                MDC.remove("queueId");
            }
        }
        return failures;
    }

    /**
     * The local recipients of every message of the batch go to {@code mail.delivery} together, before
     * any remote attempt: sent back to back with one wait for all acknowledgements, instead of one
     * round trip to the broker per message. Each record carries its own message's trace context. When
     * Kafka does not take them, those messages are processed again as a whole (their remote recipients
     * are not tried in this round, so a replay does not send them twice); the same queue id lets the
     * MDA's ledger keep one copy per recipient however often a hand-off is replayed.
     */
    private void handOffLocal(List<Plan> plans, List<MailSpan> spans, List<Exception> failures) {
        List<Integer> handedOff = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            Plan plan = plans.get(i);
            if (plan == null || plan.local().isEmpty()) {
                continue;
            }
            MailRecord record = plan.record();
            MailRecord local = new MailRecord(record.envelope().withRecipients(plan.local()), record.message());
            ProducerRecord<byte[], byte[]> out = MailRecordPublisher.producerRecord(MailTopics.DELIVERY,
                    local.queueId(), local);
            try (MailSpan.MailScope scope = spans.get(i).inScope()) {
                tracing.inject(out.headers());
            }
            records.add(out);
            handedOff.add(i);
        }
        if (records.isEmpty()) {
            return;
        }
        try {
            publisher.publishAll(records);
            handedOff.forEach(i -> metrics.localHandoff(plans.get(i).local().size()));
        } catch (PublishException | RuntimeException e) {
            for (int i : handedOff) {
                spans.get(i).error(e);
                log.warn("handing {} to {} failed, it will be processed again: {}",
                        plans.get(i).message().record().queueId(), MailTopics.DELIVERY, e.toString());
                failures.set(i, e);
                plans.set(i, null);
            }
        }
    }

    /** One span per destination of the message, from the start of the round's remote attempts to their end. */
    private void traceRemoteAttempts(MailSpan round, Plan plan, Map<DeliveryJob, List<RecipientAttempt>> attempts,
                                     Instant remoteStart) {
        for (DeliveryJob job : plan.jobs()) {
            List<RecipientAttempt> results = attempts.getOrDefault(job, List.of());
            MailSpan span = tracing.call(round, DELIVERY_SPAN, remoteStart)
                    .tag(MailSpan.QUEUE_ID, job.record().queueId())
                    .tag("mail.route", job.route().key())
                    .tag("mail.recipients", String.valueOf(job.recipients().size()))
                    .tag("mail.delivered", String.valueOf(results.stream().filter(a -> a.outcome().isSuccess()).count()))
                    .tag("mail.failed", String.valueOf(results.stream().filter(a -> a.outcome().isPermanent()).count()));
            span.end();
        }
    }

    private Plan plan(QueuedMessage message, Map<String, Boolean> localDomains) {
        List<Recipient> local = new ArrayList<>();
        Map<String, List<Recipient>> remoteByRoute = new LinkedHashMap<>();
        Map<String, Route> routeByKey = new HashMap<>();
        for (Recipient r : message.record().envelope().pendingRecipients()) {
            String domain = domainOf(r.address());
            if (localDomains.computeIfAbsent(domain.toLowerCase(Locale.ROOT), localDomain::test)) {
                local.add(r);
            } else {
                Route route = routes.routeFor(domain);
                routeByKey.putIfAbsent(route.key(), route);
                remoteByRoute.computeIfAbsent(route.key(), k -> new ArrayList<>()).add(r);
            }
        }
        // Signed before the first remote attempt; the retry record carries the signed bytes, so it is done once.
        MailRecord record = remoteByRoute.isEmpty() ? message.record() : signer.apply(message.record());
        List<DeliveryJob> jobs = new ArrayList<>();
        remoteByRoute.forEach((key, recipients) -> jobs.add(new DeliveryJob(record, routeByKey.get(key), recipients)));
        return new Plan(message, record, local, jobs);
    }

    private void finish(Plan plan, Map<DeliveryJob, List<RecipientAttempt>> attempts) throws PublishException {
        MailRecord record = plan.record();
        MailEnvelope envelope = record.envelope();
        Instant now = clock.instant();

        if (!plan.local().isEmpty()) {
            // Handed to mail.delivery already, with the batch (handOffLocal).
            List<String> handedOver = plan.local().stream().map(Recipient::address).toList();
            envelope = envelope.mapRecipients(r -> r.state() == RecipientState.PENDING && handedOver.contains(r.address())
                    ? r.withOutcome(RecipientState.DELIVERED, "2.0.0", null) : r);
        }
        if (plan.jobs().isEmpty()) {
            return;
        }

        Map<String, RecipientAttempt> byAddress = new LinkedHashMap<>();
        for (DeliveryJob job : plan.jobs()) {
            for (RecipientAttempt attempt : attempts.getOrDefault(job, List.of())) {
                byAddress.put(attempt.recipient().address(), attempt);
            }
        }
        // Recipients that a per-destination limit held back were not tried: when nothing else was,
        // no attempt is counted and the message comes back on the first tier.
        boolean onlyThrottled = byAddress.values().stream().allMatch(RecipientAttempt::throttled) && !byAddress.isEmpty();
        if (!onlyThrottled) {
            envelope = envelope.withAttemptAt(now);
        }
        Instant expiresAt = schedule.expiresAt(envelope);
        boolean expired = !now.isBefore(expiresAt);
        List<DsnRecipient> report = new ArrayList<>();
        Map<Recipient, Recipient> changed = new IdentityHashMap<>();
        AttemptEvents traced = new AttemptEvents(envelope.queueId(), now);
        for (Recipient r : envelope.recipients()) {
            RecipientAttempt attempt = byAddress.get(r.address());
            if (attempt == null || r.state() != RecipientState.PENDING) {
                continue;
            }
            DeliveryOutcome outcome = attempt.outcome();
            Recipient next;
            if (outcome.isSuccess()) {
                next = r.withOutcome(attempt.relayed() ? RecipientState.RELAYED : RecipientState.DELIVERED,
                        outcome.status(), outcome.diagnostic());
                metrics.attempt(attempt.relayed() ? "relayed" : "delivered");
                traced.add(MessageEventKind.RELAYED, r, attempt, outcome.status(), outcome.diagnostic());
                // RFC 3461 5.2.2: a relay to a server without DSN reports "relayed" to those who asked
                // for success notices; a DSN-capable peer got NOTIFY and answers for itself.
                if (attempt.relayed() && r.dsnNotify().contains(DsnNotify.SUCCESS)) {
                    report.add(dsnRecipient(r, DsnAction.RELAYED, outcome.status(), attempt, now, null));
                }
            } else if (outcome.isPermanent()) {
                next = r.withOutcome(RecipientState.FAILED, outcome.status(), outcome.diagnostic());
                metrics.attempt("bounced");
                traced.add(MessageEventKind.BOUNCED, r, attempt, outcome.status(), outcome.diagnostic());
                if (r.wantsFailureNotice()) {
                    report.add(dsnRecipient(r, DsnAction.FAILED, outcome.status(), attempt, now, null));
                }
            } else if (expired) {
                // RFC 5321 4.5.4.1: after the give-up time the message is returned; RFC 3463 4.4.7.
                String diagnostic = "delivery time expired after " + schedule.maxLifetime()
                        + (outcome.diagnostic() == null ? "" : "; last error: " + outcome.diagnostic());
                next = r.withOutcome(RecipientState.FAILED, "4.4.7", clip(diagnostic));
                metrics.attempt("expired");
                traced.add(MessageEventKind.BOUNCED, r, attempt, "4.4.7", clip(diagnostic));
                if (r.wantsFailureNotice()) {
                    report.add(new DsnRecipient(r.address(), r.originalRecipient(), DsnAction.FAILED, "4.4.7",
                            attempt.remoteMta(), clip(diagnostic), now, null));
                }
            } else {
                next = r.withOutcome(RecipientState.PENDING, outcome.status(), outcome.diagnostic());
                metrics.attempt(attempt.throttled() ? "throttled" : "deferred");
                traced.add(MessageEventKind.DEFERRED, r, attempt, outcome.status(), outcome.diagnostic());
            }
            changed.put(r, next);
        }
        envelope = envelope.mapRecipients(r -> changed.getOrDefault(r, r));

        boolean delayWarned = plan.message().delayWarned();
        List<Recipient> pending = envelope.pendingRecipients();
        if (!delayWarned && !pending.isEmpty() && schedule.delayWarningDue(envelope.receivedAt(), now)) {
            // RFC 3461 4.1: DELAY notices only to those who asked; one per message.
            for (Recipient r : pending) {
                if (r.dsnNotify().contains(DsnNotify.DELAY)) {
                    RecipientAttempt attempt = byAddress.get(r.address());
                    report.add(dsnRecipient(r, DsnAction.DELAYED, r.lastStatus() == null ? "4.0.0" : r.lastStatus(),
                            attempt, now, expiresAt));
                }
            }
            delayWarned = report.stream().anyMatch(d -> d.action() == DsnAction.DELAYED);
        }

        if (!report.isEmpty() && !envelope.isNullSender()) {
            boolean failure = report.stream().anyMatch(d -> d.action() == DsnAction.FAILED);
            ReturnedContent returned = ReturnedContent.choose(record.message(), envelope.dsnReturn(),
                    envelope.bodyType(), failure, dsnProperties);
            String dsnQueueId = DsnQueueIds.forAttempt(envelope.queueId(), envelope.attempts());
            if (dsn.dispatch(new DeliveryStatusNotice(dsnQueueId,
                    envelope.queueId(), envelope.mailFrom(), envelope.envelopeId(), envelope.receivedAt(),
                    envelope.traceId(), envelope.smtpUtf8(), report, returned.content(), returned.fullMessage()))) {
                report.forEach(d -> traced.dsnSent(d.address(), dsnQueueId));
            }
        }

        if (!pending.isEmpty()) {
            RetryTier tier = onlyThrottled ? RetryTier.ONE_MINUTE : RetryTier.afterFailedAttempts(envelope.attempts());
            Instant next = schedule.nextAttempt(now, tier, expiresAt);
            retries.publish(tier, new MailRecord(envelope.withNextAttemptAt(next), record.message()), delayWarned);
            traced.nextAttempt(next);
            log.info("{} deferred for {} recipients, {}, next try at {} ({})", envelope.queueId(), pending.size(),
                    onlyThrottled ? "held back by a destination limit" : "attempt " + envelope.attempts() + " failed",
                    next, tier.topic());
        }
        events.record(traced.events());
    }

    /** The trace lines of one message's attempt, completed as the DSN and the retry are sent. */
    private static final class AttemptEvents {
        private final String queueId;
        private final Instant at;
        private final Map<String, MessageEvent.Builder> byRecipient = new LinkedHashMap<>();

        AttemptEvents(String queueId, Instant at) {
            this.queueId = queueId;
            this.at = at;
        }

        void add(MessageEventKind kind, Recipient r, RecipientAttempt attempt, String status, String reply) {
            byRecipient.put(r.address(), MessageEvent.of(kind, queueId, "mta", at).recipient(r.address())
                    .put("host", attempt.remoteMta()).put("status", status).put("reply", reply));
        }

        void dsnSent(String recipient, String dsnQueueId) {
            MessageEvent.Builder event = byRecipient.get(recipient);
            if (event != null) {
                event.put("dsn", dsnQueueId);
            }
        }

        void nextAttempt(Instant next) {
            byRecipient.values().forEach(b -> {
                if (b.kind() == MessageEventKind.DEFERRED) {
                    b.put("nextAttempt", next);
                }
            });
        }

        List<MessageEvent> events() {
            return byRecipient.values().stream().map(MessageEvent.Builder::build).toList();
        }
    }

    private static DsnRecipient dsnRecipient(Recipient r, DsnAction action, String status, RecipientAttempt attempt,
                                             Instant now, Instant willRetryUntil) {
        return new DsnRecipient(r.address(), r.originalRecipient(), action, status,
                attempt == null ? null : attempt.remoteMta(),
                attempt == null ? r.lastDiagnostic() : attempt.outcome().diagnostic(), now, willRetryUntil);
    }

    private static String clip(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }
}
