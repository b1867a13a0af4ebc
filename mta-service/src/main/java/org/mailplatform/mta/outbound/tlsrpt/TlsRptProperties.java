package org.mailplatform.mta.outbound.tlsrpt;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailplatform.mta.outbound.tls-rpt.*}: SMTP TLS reporting (RFC 8460).
 *
 * @param enabled          count sessions under MTA-STS policies and send daily reports
 * @param organizationName the report's organization-name; empty: the submitter
 * @param contactInfo      the report's contact-info; empty: the sender address
 * @param from             sender of mailed reports (From and envelope); empty: postmaster@ the submitter
 * @param submitter        TLS-Report-Submitter, the reporting domain; empty: {@code mailplatform.hostname}
 * @param checkInterval    how often a replica looks for finished days to report
 */
@ConfigurationProperties(prefix = "mailplatform.mta.outbound.tls-rpt")
public record TlsRptProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("") String organizationName,
        @DefaultValue("") String contactInfo,
        @DefaultValue("") String from,
        @DefaultValue("") String submitter,
        @DefaultValue("1h") Duration checkInterval) {

    public TlsRptProperties {
        if (checkInterval == null || checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("mailplatform.mta.outbound.tls-rpt.check-interval must be positive");
        }
    }
}
