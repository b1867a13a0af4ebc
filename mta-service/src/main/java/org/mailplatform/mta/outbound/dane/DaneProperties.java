package org.mailplatform.mta.outbound.dane;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailplatform.mta.outbound.dane.*}: DANE for outbound SMTP (RFC 7672).
 *
 * @param enabled               look up TLSA records of MX hosts and enforce them where DNSSEC proves them
 * @param trustAnchor           file of DS or DNSKEY records (zone file format) DNSSEC validation
 *                              starts from, e.g. Debian's {@code /usr/share/dns/root.key}; empty: the
 *                              root zone's keys shipped with the service
 * @param requireDnssecResolver while the DNS servers do not pass DNSSEC along (see
 *                              {@link DnssecResolverProbe}), defer mail to MX hosts instead of
 *                              delivering it with opportunistic TLS as without DANE
 * @param resolverCheckInterval how often the DNS servers are checked for DNSSEC while they pass it along
 * @param resolverRecheckInterval how soon they are checked again after a check or an MX lookup failed
 */
@ConfigurationProperties(prefix = "mailplatform.mta.outbound.dane")
public record DaneProperties(
        @DefaultValue("true") boolean enabled,
        String trustAnchor,
        @DefaultValue("false") boolean requireDnssecResolver,
        @DefaultValue("10m") Duration resolverCheckInterval,
        @DefaultValue("1m") Duration resolverRecheckInterval) {

    public DaneProperties {
        if (resolverCheckInterval.isNegative() || resolverCheckInterval.isZero()
                || resolverRecheckInterval.isNegative() || resolverRecheckInterval.isZero()) {
            throw new IllegalArgumentException("mailplatform.mta.outbound.dane.resolver-check-interval and "
                    + "resolver-recheck-interval must be positive");
        }
    }

    public boolean hasTrustAnchorFile() {
        return trustAnchor != null && !trustAnchor.isBlank();
    }
}
