package org.mailplatform.mta.outbound.dane;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailplatform.mta.outbound.dane.*}: DANE for outbound SMTP (RFC 7672).
 *
 * @param enabled     look up TLSA records of MX hosts and enforce them where DNSSEC proves them
 * @param trustAnchor file of DS or DNSKEY records (zone file format) DNSSEC validation starts from,
 *                    e.g. Debian's {@code /usr/share/dns/root.key}; empty: the root zone's keys
 *                    shipped with the service
 */
@ConfigurationProperties(prefix = "mailplatform.mta.outbound.dane")
public record DaneProperties(@DefaultValue("true") boolean enabled, String trustAnchor) {

    public boolean hasTrustAnchorFile() {
        return trustAnchor != null && !trustAnchor.isBlank();
    }
}
