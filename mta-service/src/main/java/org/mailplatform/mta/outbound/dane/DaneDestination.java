package org.mailplatform.mta.outbound.dane;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

import org.mailplatform.mta.client.DeliveryOutcome;
import org.mailplatform.mta.client.SmtpClient;
import org.mailplatform.mta.client.SmtpClientException;
import org.mailplatform.mta.client.SmtpClientSession;
import org.mailplatform.mta.client.TlsPolicy;
import org.mailplatform.mta.dns.MailHost;

/**
 * What DANE decided for one destination: nothing (no secure MX RRset), a deferral of the whole
 * destination (bogus or failed MX lookup), or a policy per MX host, and the connections that
 * follow those policies.
 */
public final class DaneDestination {

    /** DANE does not govern this destination. */
    public static final DaneDestination NONE = new DaneDestination(null, Map.of(), null);

    private final DeliveryOutcome deferral;
    private final Map<String, DanePolicy> policies;
    private final DaneMetrics metrics;

    private DaneDestination(DeliveryOutcome deferral, Map<String, DanePolicy> policies, DaneMetrics metrics) {
        this.deferral = deferral;
        this.policies = Map.copyOf(policies);
        this.metrics = metrics;
    }

    static DaneDestination deferred(String status, String reason) {
        return new DaneDestination(DeliveryOutcome.temporary(status, reason), Map.of(), null);
    }

    static DaneDestination of(Map<String, DanePolicy> policies, DaneMetrics metrics) {
        return new DaneDestination(null, policies, metrics);
    }

    /** Why no host of the destination may be tried now (RFC 7672 2.1.1), if so: a temporary outcome. */
    public Optional<DeliveryOutcome> deferral() {
        return Optional.ofNullable(deferral);
    }

    public DanePolicy policy(MailHost host) {
        return policies.getOrDefault(host.name(), new DanePolicy.NotApplicable());
    }

    /** Whether DANE decides how {@code host} is connected to; when not, the route's usual TLS applies. */
    public boolean governs(MailHost host) {
        return !(policy(host) instanceof DanePolicy.NotApplicable);
    }

    /**
     * Connects to a host DANE governs: STARTTLS is mandatory (RFC 7672 2.2), and with usable
     * records the chain must match one (3.1). Every refusal is a temporary failure of this host
     * (RFC 7672 2.2: the next MX host is tried; when none is left the mail is deferred).
     */
    public SmtpClientSession connect(SmtpClient client, InetSocketAddress address, MailHost host) throws SmtpClientException {
        return switch (policy(host)) {
            case DanePolicy.NotApplicable() -> throw new IllegalStateException("DANE does not govern " + host.name());
            case DanePolicy.Unusable(String reason) -> throw new SmtpClientException(DeliveryOutcome.temporary("4.7.5",
                    "DANE: not delivering to " + host.name() + ": " + reason));
            case DanePolicy.EncryptOnly(String tlsaName) -> count(() -> client.connect(address, host.name(),
                    TlsPolicy.REQUIRE, null), null, "encrypted");
            case DanePolicy.Authenticate authenticate -> {
                DaneTrustManager check = new DaneTrustManager(authenticate.tlsa(), authenticate.referenceNames());
                yield count(() -> client.connect(address, host.name(), check), check, "verified");
            }
        };
    }

    private SmtpClientSession count(Connection connection, DaneTrustManager check, String success) throws SmtpClientException {
        try {
            SmtpClientSession session = connection.open();
            metrics.delivery(success);
            return session;
        } catch (SmtpClientException e) {
            metrics.delivery(check != null && check.mismatched() ? "mismatch"
                    // RFC 7672 2.2: no STARTTLS where TLSA records exist is a failure, never plaintext.
                    : e.outcome().status().equals("4.7.4") ? "no-starttls" : "failed");
            throw e;
        }
    }

    @FunctionalInterface
    private interface Connection {
        SmtpClientSession open() throws SmtpClientException;
    }
}
