package org.mailplatform.mta.outbound;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import org.mailplatform.mta.client.DeliveryOutcome;
import org.mailplatform.mta.client.SmtpClient;
import org.mailplatform.mta.outbound.dane.DaneLookup;
import org.mailplatform.mta.outbound.security.TransportSecurity;
import org.mailplatform.mta.outbound.limits.DestinationLimiter;

/**
 * Delivers a batch of jobs: one {@link DestinationRun} per route, each on its own virtual thread,
 * at most {@code parallelDestinations} at once, so one slow destination does not hold up the
 * others of the batch.
 */
public final class RemoteDelivery {

    private final RouteResolver resolver;
    private final SmtpClient client;
    private final int maxRecipientsPerTransaction;
    private final Semaphore permits;
    private final DaneLookup dane;
    private final TransportSecurity security;
    private final DestinationLimiter limiter;

    /** Without MTA-STS, DANE or destination limits. */
    public RemoteDelivery(RouteResolver resolver, SmtpClient client, int parallelDestinations,
                          int maxRecipientsPerTransaction) {
        this(resolver, client, parallelDestinations, maxRecipientsPerTransaction, TransportSecurity.NONE, null, null);
    }

    /**
     * @param security the MTA-STS demands of MX destinations
     * @param dane     DANE's lookups (RFC 7672), or null when DANE is off
     * @param limiter  per-destination session and message limits; null: none
     */
    public RemoteDelivery(RouteResolver resolver, SmtpClient client, int parallelDestinations,
                          int maxRecipientsPerTransaction, TransportSecurity security, DaneLookup dane,
                          DestinationLimiter limiter) {
        this.security = security;
        this.dane = dane;
        this.limiter = limiter;
        this.resolver = resolver;
        this.client = client;
        this.maxRecipientsPerTransaction = maxRecipientsPerTransaction;
        this.permits = new Semaphore(parallelDestinations);
    }

    /** Never throws for delivery problems: they are outcomes. Every job gets one attempt per recipient. */
    public Map<DeliveryJob, List<RecipientAttempt>> deliver(List<DeliveryJob> jobs) {
        Map<String, List<DeliveryJob>> byRoute = new LinkedHashMap<>();
        for (DeliveryJob job : jobs) {
            byRoute.computeIfAbsent(RequireTlsRelay.groupKey(job), k -> new ArrayList<>()).add(job);
        }
        Map<DeliveryJob, List<RecipientAttempt>> results = new LinkedHashMap<>();
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("mta-delivery-", 0).factory())) {
            List<Future<Map<DeliveryJob, List<RecipientAttempt>>>> runs = new ArrayList<>();
            for (List<DeliveryJob> group : byRoute.values()) {
                runs.add(executor.submit(() -> runGroup(group)));
            }
            int i = 0;
            for (List<DeliveryJob> group : byRoute.values()) {
                results.putAll(await(runs.get(i++), group));
            }
        }
        return results;
    }

    private Map<DeliveryJob, List<RecipientAttempt>> runGroup(List<DeliveryJob> group) throws InterruptedException {
        if (limiter == null) {
            return runPermitted(group, null);
        }
        // The destination's slot first: waiting for it must not take one of the parallel permits.
        try (DestinationLimiter.Run limits = limiter.begin(group.getFirst().route(), group.size())) {
            if (!limits.granted()) {
                return throttled(group, limits.refusal());
            }
            return runPermitted(group, limits);
        }
    }

    private Map<DeliveryJob, List<RecipientAttempt>> runPermitted(List<DeliveryJob> group, DestinationLimiter.Run limits)
            throws InterruptedException {
        permits.acquire();
        try {
            boolean requireTls = RequireTlsRelay.applies(group.getFirst());
            Route route = requireTls ? RequireTlsRelay.verifiedRoute(group.getFirst().route()) : group.getFirst().route();
            DestinationRun run = new DestinationRun(route, group, resolver, client, maxRecipientsPerTransaction,
                    security, dane);
            Map<DeliveryJob, List<RecipientAttempt>> results = (limits == null ? run : run.admitting(job -> limits.admit())).run();
            return requireTls ? RequireTlsRelay.finalOutcomes(results) : results;
        } finally {
            permits.release();
        }
    }

    private static Map<DeliveryJob, List<RecipientAttempt>> throttled(List<DeliveryJob> group, DeliveryOutcome outcome) {
        Map<DeliveryJob, List<RecipientAttempt>> results = new LinkedHashMap<>();
        for (DeliveryJob job : group) {
            results.put(job, job.recipients().stream().map(r -> RecipientAttempt.throttled(r, outcome)).toList());
        }
        return results;
    }

    private static Map<DeliveryJob, List<RecipientAttempt>> await(Future<Map<DeliveryJob, List<RecipientAttempt>>> run,
                                                                   List<DeliveryJob> group) {
        try {
            return run.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(group, "interrupted");
        } catch (ExecutionException e) {
            return failed(group, String.valueOf(e.getCause()));
        }
    }

    private static Map<DeliveryJob, List<RecipientAttempt>> failed(List<DeliveryJob> group, String reason) {
        Map<DeliveryJob, List<RecipientAttempt>> results = new LinkedHashMap<>();
        DeliveryOutcome outcome = DeliveryOutcome.temporary("4.3.0", "delivery attempt aborted: " + reason);
        for (DeliveryJob job : group) {
            results.put(job, job.recipients().stream().map(r -> new RecipientAttempt(r, outcome, null, false)).toList());
        }
        return results;
    }
}
