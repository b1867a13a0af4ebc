package org.mailplatform.mta.outbound;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mailplatform.mta.client.DeliveryOutcome;
import org.mailplatform.mta.client.OutgoingMessage;
import org.mailplatform.mta.client.RecipientResult;
import org.mailplatform.mta.client.SmtpClient;
import org.mailplatform.mta.client.SmtpClientException;
import org.mailplatform.mta.client.SmtpClientSession;
import org.mailplatform.mta.client.TransactionResult;
import org.mailplatform.mta.dns.Destination;
import org.mailplatform.mta.dns.MailHost;
import org.mailplatform.mta.outbound.dane.DaneDestination;
import org.mailplatform.mta.outbound.dane.DaneLookup;
import org.mailplatform.mta.outbound.security.TlsRequirement;
import org.mailplatform.mta.outbound.security.TransportSecurity;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.Recipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Delivers all jobs of one route, one after the other, over as few connections as possible: a
 * connection that accepted one message carries the next (RFC 5321 3.3 allows many transactions
 * per session). Hosts are tried in the order the route resolved to (RFC 5321 5.1: the next
 * address when one cannot be reached or refuses the session); a host that failed is not tried
 * again in this run.
 */
final class DestinationRun {

    private static final Logger log = LoggerFactory.getLogger(DestinationRun.class);

    private final Route route;
    private final List<DeliveryJob> jobs;
    private final RouteResolver resolver;
    private final SmtpClient client;
    private final int maxRecipientsPerTransaction;
    private final DaneLookup dane;
    private DaneDestination daneHosts = DaneDestination.NONE;
    private final TransportSecurity security;
    private TlsRequirement tlsRequirement = TlsRequirement.ROUTE_POLICY;

    private Admission admission = job -> null;
    private final Set<MailHost> failedHosts = new HashSet<>();
    private SmtpClientSession session;
    private MailHost sessionHost;
    // Why hosts failed in this run, so a later message for the same route gets the real reason.
    private DeliveryOutcome lastFailure;
    private String lastFailedHost;
    private boolean allFailuresPermanent = true;

    DestinationRun(Route route, List<DeliveryJob> jobs, RouteResolver resolver, SmtpClient client,
                   int maxRecipientsPerTransaction, TransportSecurity security, DaneLookup dane) {
        this.route = route;
        this.security = security;
        this.dane = dane;
        this.jobs = jobs;
        this.resolver = resolver;
        this.client = client;
        this.maxRecipientsPerTransaction = maxRecipientsPerTransaction;
    }

    /** Whether a job may be sent now (a per-destination rate), asked before each job that has hosts. */
    interface Admission {
        /** @return null to send the job now, else the temporary outcome that defers it untried */
        DeliveryOutcome admit(DeliveryJob job) throws InterruptedException;
    }

    DestinationRun admitting(Admission admission) {
        this.admission = admission;
        return this;
    }

    Map<DeliveryJob, List<RecipientAttempt>> run() {
        Map<DeliveryJob, List<RecipientAttempt>> results = new LinkedHashMap<>();
        Destination destination;
        try {
            destination = secured(withDane(resolver.resolve(route)));
        } catch (RuntimeException e) {
            log.warn("resolving {} failed", route.key(), e);
            destination = new Destination.Unreachable(false, "4.4.3", "resolving " + route.key() + " failed: " + e);
        }
        try {
            for (DeliveryJob job : jobs) {
                results.put(job, deliver(job, destination));
            }
        } finally {
            if (session != null) {
                session.quit();
            }
        }
        return results;
    }

    private List<RecipientAttempt> deliver(DeliveryJob job, Destination destination) {
        if (destination instanceof Destination.Unreachable(boolean permanent, String status, String reason)) {
            DeliveryOutcome outcome = permanent ? DeliveryOutcome.permanent(status, reason)
                    : DeliveryOutcome.temporary(status, reason);
            return job.recipients().stream().map(r -> new RecipientAttempt(r, outcome, null, false)).toList();
        }
        DeliveryOutcome held = admit(job);
        if (held != null) {
            return job.recipients().stream().map(r -> RecipientAttempt.throttled(r, held)).toList();
        }
        List<MailHost> hosts = ((Destination.Hosts) destination).hosts();
        List<RecipientAttempt> attempts = new ArrayList<>();
        String previousQueueId = MDC.get("queueId");
        MDC.put("queueId", job.record().queueId());
        try {
            List<Recipient> recipients = job.recipients();
            for (int from = 0; from < recipients.size(); from += maxRecipientsPerTransaction) {
                List<Recipient> chunk = recipients.subList(from, Math.min(recipients.size(), from + maxRecipientsPerTransaction));
                attempts.addAll(transaction(job, chunk, hosts));
            }
        } finally {
            if (previousQueueId == null) {
                MDC.remove("queueId");
            } else {
                MDC.put("queueId", previousQueueId);
            }
        }
        return attempts;
    }

    private List<RecipientAttempt> transaction(DeliveryJob job, List<Recipient> recipients, List<MailHost> hosts) {
        MailEnvelope envelope = job.record().envelope();
        OutgoingMessage message = new OutgoingMessage(envelope.mailFrom(), recipients, job.record().message(),
                envelope.bodyType(), envelope.smtpUtf8(), envelope.dsnReturn(), envelope.envelopeId(), envelope.requireTls());
        for (MailHost host : hostsToTry(hosts)) {
            if (session == null || !session.usable() || !host.equals(sessionHost)) {
                closeSession();
                try {
                    session = connect(host);
                    sessionHost = host;
                } catch (SmtpClientException e) {
                    log.info("{}: {}", route.key(), e.getMessage());
                    hostFailed(host, e.outcome());
                    continue;
                }
            }
            TransactionResult result;
            try {
                result = session.send(message);
            } catch (SmtpClientException e) {
                // The connection broke during the transaction: the peer may or may not have the
                // message, so it is not offered to the next host now but retried later.
                log.info("{}: {}", route.key(), e.getMessage());
                closeSession();
                hostFailed(host, e.outcome());
                DeliveryOutcome outcome = e.outcome();
                return recipients.stream().map(r -> new RecipientAttempt(r, outcome, host.name(), false)).toList();
            }
            if (result.senderRefused() && !result.recipients().getFirst().outcome().isPermanent()) {
                // A temporary refusal of MAIL FROM is the host's trouble, not the message's: next host.
                hostFailed(host, result.recipients().getFirst().outcome());
                closeSession();
                continue;
            }
            log.info("{} via {}[{}]{}: {}", job.record().queueId(), host.name(), host.address().getHostAddress(),
                    session.tls() == null ? "" : " (" + session.tls().protocol() + ")", summary(result));
            boolean relayed = !result.peerDsn();
            return result.recipients().stream()
                    .map(r -> new RecipientAttempt(r.recipient(), r.outcome(), host.name(), relayed && r.outcome().isSuccess()))
                    .toList();
        }
        // Every host failed. Only when all of them refused for good is the failure permanent.
        DeliveryOutcome outcome = lastFailure == null
                ? DeliveryOutcome.temporary("4.4.1", "no host of " + route.key() + " could be tried")
                : allFailuresPermanent || !lastFailure.isPermanent() ? lastFailure
                : DeliveryOutcome.temporary("4.4.1", lastFailure.diagnostic());
        String remote = lastFailedHost;
        return recipients.stream().map(r -> new RecipientAttempt(r, outcome, remote, false)).toList();
    }

    /**
     * RFC 7672 2.2: DANE applies to MX routes whose MX RRset is DNSSEC-secure. A bogus or failed
     * lookup defers the destination (2.1.1).
     */
    private Destination withDane(Destination destination) {
        if (dane == null || !(route instanceof Route.Mx mx) || !(destination instanceof Destination.Hosts hosts)) {
            return destination;
        }
        daneHosts = dane.lookup(mx.domain(), hosts.hosts());
        return daneHosts.deferral().<Destination>map(deferral -> new Destination.Unreachable(false, deferral.status(),
                deferral.diagnostic())).orElse(destination);
    }

    /**
     * The decision point for the security of one connection. RFC 8461 2: an MX host with secure
     * TLSA records is DANE's alone (it takes precedence over MTA-STS); every other host gets what
     * the destination's MTA-STS policy demands, or the route's TLS policy.
     */
    private SmtpClientSession connect(MailHost host) throws SmtpClientException {
        InetSocketAddress address = new InetSocketAddress(host.address(), route.port());
        if (daneHosts.governs(host)) {
            return daneHosts.connect(client, address, host);
        }
        return tlsRequirement.connect(client, address, host, route.tls(), route.credentials());
    }

    /**
     * An MX destination's MTA-STS demand is chosen once, before connecting, and may
     * rule hosts out; configured hosts (transport table, smart host) keep the route's own policy.
     */
    private Destination secured(Destination destination) {
        if (route instanceof Route.Mx mx && destination instanceof Destination.Hosts hosts) {
            tlsRequirement = security.requirementFor(mx.domain(), hosts);
            return tlsRequirement.permitted(hosts);
        }
        return destination;
    }

    private DeliveryOutcome admit(DeliveryJob job) {
        try {
            return admission.admit(job);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryOutcome.temporary("4.3.0", "delivery attempt aborted: interrupted");
        }
    }

    private void hostFailed(MailHost host, DeliveryOutcome outcome) {
        failedHosts.add(host);
        lastFailure = outcome;
        lastFailedHost = host.name();
        allFailuresPermanent &= outcome.isPermanent();
    }

    /** The connected host first, then the others not yet failed, in route order. */
    private List<MailHost> hostsToTry(List<MailHost> hosts) {
        List<MailHost> order = new ArrayList<>();
        if (session != null && session.usable() && sessionHost != null) {
            order.add(sessionHost);
        }
        for (MailHost host : hosts) {
            if (!failedHosts.contains(host) && !order.contains(host)) {
                order.add(host);
            }
        }
        return order;
    }

    private void closeSession() {
        if (session != null) {
            session.quit();
            session = null;
            sessionHost = null;
        }
    }

    private static String summary(TransactionResult result) {
        List<String> parts = new ArrayList<>();
        for (RecipientResult r : result.recipients()) {
            parts.add("<" + r.recipient().address() + "> " + r.outcome().diagnostic());
        }
        return String.join("; ", parts);
    }
}
