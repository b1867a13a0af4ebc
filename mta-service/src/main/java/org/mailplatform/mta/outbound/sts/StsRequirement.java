package org.mailplatform.mta.outbound.sts;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.mailplatform.mta.client.Credentials;
import org.mailplatform.mta.client.SmtpClient;
import org.mailplatform.mta.client.SmtpClientException;
import org.mailplatform.mta.client.SmtpClientSession;
import org.mailplatform.mta.client.TlsPolicy;
import org.mailplatform.mta.dns.Destination;
import org.mailplatform.mta.dns.MailHost;
import org.mailplatform.mta.outbound.security.TlsRequirement;
import org.mailplatform.mta.outbound.tlsrpt.AppliedPolicy;
import org.mailplatform.mta.outbound.tlsrpt.TlsResultType;
import org.mailplatform.mta.outbound.tlsrpt.TlsSessionRecorder;

/**
 * A domain's MTA-STS policy applied to one delivery run (RFC 8461 4 and 5). In {@code enforce}
 * only MX hosts that match the policy are tried, and only over STARTTLS with a certificate that
 * chains to a trusted CA and names the MX host; when none passes, the mail waits for a retry. In
 * {@code testing} the same checks are made and reported, and the mail goes as without a policy.
 */
final class StsRequirement implements TlsRequirement {

    private final String domain;
    private final StsPolicy policy;
    private final SmtpClient verifying;
    private final TlsSessionRecorder recorder;
    private final StsMetrics metrics;

    /** @param verifying a client whose verification trusts the CAs configured for MTA-STS */
    StsRequirement(String domain, StsPolicy policy, SmtpClient verifying, TlsSessionRecorder recorder, StsMetrics metrics) {
        this.domain = domain;
        this.policy = policy;
        this.verifying = verifying;
        this.recorder = recorder;
        this.metrics = metrics;
    }

    @Override
    public Destination permitted(Destination.Hosts destination) {
        List<MailHost> matching = destination.hosts().stream().filter(h -> policy.matches(h.name())).toList();
        Set<String> reported = new HashSet<>();
        for (MailHost host : destination.hosts()) {
            if (!policy.matches(host.name()) && reported.add(host.name())) {
                metrics.delivery(policy.mode(), "mx_mismatch");
                recorder.failure(applied(), TlsResultType.VALIDATION_FAILURE, host, "MX host not allowed by the MTA-STS policy");
            }
        }
        if (policy.mode() != StsMode.ENFORCE) {
            return destination;
        }
        if (matching.isEmpty()) {
            // RFC 8461 5.1: not delivered to a host outside the policy; a temporary failure, so the mail is retried.
            return new Destination.Unreachable(false, "4.7.4",
                    "no MX host of " + domain + " is allowed by its MTA-STS policy (mx: " + String.join(", ", policy.mx()) + ")");
        }
        return new Destination.Hosts(matching);
    }

    @Override
    public SmtpClientSession connect(SmtpClient client, InetSocketAddress address, MailHost host, TlsPolicy routeTls,
                                     Credentials credentials) throws SmtpClientException {
        if (policy.mode() == StsMode.TESTING && !policy.matches(host.name())) {
            return client.connect(address, host.name(), routeTls, credentials);
        }
        try {
            // RFC 8461 4.2: STARTTLS is mandatory and the certificate is checked as RFC 6125 says, against the MX name.
            SmtpClientSession session = verifying.connect(address, host.name(), TlsPolicy.VERIFY, credentials);
            metrics.delivery(policy.mode(), "verified");
            recorder.success(applied());
            return session;
        } catch (SmtpClientException e) {
            TlsResultType failure = tlsFailure(e);
            if (failure == null) {
                throw e;
            }
            metrics.delivery(policy.mode(), "failed");
            recorder.failure(applied(), failure, host, e.getMessage());
            if (policy.mode() == StsMode.ENFORCE) {
                throw e;
            }
            // RFC 8461 5: in testing mode the failure is only reported; the mail goes as it would without a policy.
            return client.connect(address, host.name(), routeTls, credentials);
        }
    }

    /** The RFC 8460 result type of a session that failed for TLS's sake; null when it failed for another reason. */
    private static TlsResultType tlsFailure(SmtpClientException e) {
        if (e.tlsHandshakeFailed()) {
            return TlsResultType.ofHandshakeFailure(e.getCause());
        }
        // The client's status for a peer that does not offer STARTTLS or refuses it (RFC 3463 X.7.4).
        return "4.7.4".equals(e.outcome().status()) ? TlsResultType.STARTTLS_NOT_SUPPORTED : null;
    }

    private AppliedPolicy applied() {
        return AppliedPolicy.sts(domain, policy.text());
    }
}
