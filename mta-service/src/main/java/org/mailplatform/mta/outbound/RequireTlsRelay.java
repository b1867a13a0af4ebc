package org.mailplatform.mta.outbound;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mailplatform.mta.client.DeliveryOutcome;
import org.mailplatform.mta.client.TlsPolicy;

/**
 * Relaying a message that arrived with REQUIRETLS (RFC 8689 4.2.1): its jobs travel apart from
 * other mail, over connections whose TLS certificate is verified, and only to a next hop that offers
 * REQUIRETLS itself (the client passes the parameter on and refuses a peer without it, 5.7.30). A
 * next hop that cannot give verified TLS fails the message permanently with 5.7.30 too (RFC 8689 5),
 * so the sender learns at once that the message was not sent rather than after days of retries.
 */
final class RequireTlsRelay {

    // What the client reports when TLS was not offered, refused, or failed (including a certificate
    // that did not verify): RFC 3463 X.7.4 and X.7.5.
    private static final Set<String> TLS_FAILURES = Set.of("4.7.4", "4.7.5", "5.7.4", "5.7.5");

    private RequireTlsRelay() {
    }

    static boolean applies(DeliveryJob job) {
        return job.record().envelope().requireTls();
    }

    /** Jobs that need REQUIRETLS never share a connection with those that do not. */
    static String groupKey(DeliveryJob job) {
        return applies(job) ? job.route().key() + " requiretls" : job.route().key();
    }

    /**
     * The route a REQUIRETLS job takes: its own, with a verified certificate for the host name it
     * connects to (PKIX, RFC 6125).
     * <p>
     * Hook for next-hop authentication: where DANE (RFC 7672) or MTA-STS (RFC 8461) authenticate a
     * destination, they take the place of PKIX here, and RFC 8689 4.2.1 also wants the MX lookup
     * itself DNSSEC-validated or MTA-STS-confirmed; neither exists yet, so PKIX with the MX name is
     * the only accepted authentication.
     */
    static Route verifiedRoute(Route route) {
        return switch (route) {
            case Route.Mx mx -> new Route.Mx(mx.domain(), mx.port(), TlsPolicy.VERIFY);
            case Route.Relay relay -> new Route.Relay(relay.kind(), relay.hop(), TlsPolicy.VERIFY, relay.credentials());
        };
    }

    /** A failure to get verified TLS becomes the permanent 5.7.30 of RFC 8689 5. */
    static Map<DeliveryJob, List<RecipientAttempt>> finalOutcomes(Map<DeliveryJob, List<RecipientAttempt>> results) {
        Map<DeliveryJob, List<RecipientAttempt>> mapped = new LinkedHashMap<>();
        results.forEach((job, attempts) -> mapped.put(job, attempts.stream().map(RequireTlsRelay::finalOutcome).toList()));
        return mapped;
    }

    private static RecipientAttempt finalOutcome(RecipientAttempt attempt) {
        DeliveryOutcome outcome = attempt.outcome();
        if (outcome.isSuccess() || attempt.throttled() || !TLS_FAILURES.contains(outcome.status())) {
            return attempt;
        }
        return new RecipientAttempt(attempt.recipient(), DeliveryOutcome.permanent("5.7.30",
                "REQUIRETLS: no verified TLS to the next hop: " + outcome.diagnostic()), attempt.remoteMta(), false);
    }
}
