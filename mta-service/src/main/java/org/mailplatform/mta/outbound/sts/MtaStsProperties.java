package org.mailplatform.mta.outbound.sts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailplatform.mta.outbound.mta-sts.*}: MTA-STS for MX delivery (RFC 8461).
 *
 * @param enabled      look up and apply recipient domains' policies
 * @param caFile       PEM CA certificates trusted for policy hosts, for MX hosts under a policy and
 *                     for TLS report endpoints; empty: the JVM's default CAs
 * @param policyPort   port of the policy hosts' HTTPS; 443 (RFC 8461 3.3), another value only for
 *                     policy hosts of tests on loopback
 * @param fetchTimeout the longest a policy fetch may take (RFC 8461 3.3: senders should limit it)
 */
@ConfigurationProperties(prefix = "mailplatform.mta.outbound.mta-sts")
public record MtaStsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("") String caFile,
        @DefaultValue("443") int policyPort,
        @DefaultValue("30s") Duration fetchTimeout) {

    public MtaStsProperties {
        if (policyPort < 1 || policyPort > 65535) {
            throw new IllegalArgumentException("mailplatform.mta.outbound.mta-sts.policy-port out of range: " + policyPort);
        }
        if (fetchTimeout == null || fetchTimeout.isNegative() || fetchTimeout.isZero()) {
            throw new IllegalArgumentException("mailplatform.mta.outbound.mta-sts.fetch-timeout must be positive");
        }
    }
}
