package org.mailplatform.mta.outbound.sts;

import java.util.Optional;

import org.mailplatform.mta.client.SmtpClient;
import org.mailplatform.mta.dns.Destination;
import org.mailplatform.mta.outbound.security.TlsRequirement;
import org.mailplatform.mta.outbound.security.TlsRequirementSource;
import org.mailplatform.mta.outbound.tlsrpt.TlsSessionRecorder;

/** The MTA-STS demand of a recipient domain: its policy in mode enforce or testing (mode none is no demand). */
public final class StsRequirementSource implements TlsRequirementSource {

    private final StsPolicies policies;
    private final SmtpClient verifying;
    private final TlsSessionRecorder recorder;
    private final StsMetrics metrics;

    public StsRequirementSource(StsPolicies policies, SmtpClient verifying, TlsSessionRecorder recorder, StsMetrics metrics) {
        this.policies = policies;
        this.verifying = verifying;
        this.recorder = recorder;
        this.metrics = metrics;
    }

    @Override
    public Optional<TlsRequirement> requirementFor(String domain, Destination.Hosts destination) {
        return policies.policyFor(domain)
                .filter(policy -> policy.mode() != StsMode.NONE)
                .map(policy -> new StsRequirement(domain, policy, verifying, recorder, metrics));
    }
}
