package org.mailplatform.mta.outbound.tlsrpt;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.mailplatform.mta.dns.MailHost;
import org.mailplatform.store.transport.TlsReportRepository;
import org.mailplatform.store.transport.TlsSessionCount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Adds each session to the day's shared counts in PostgreSQL (RFC 8460 4.1: a report covers a UTC day). */
public final class TlsReportCounter implements TlsSessionRecorder {

    private static final Logger log = LoggerFactory.getLogger(TlsReportCounter.class);
    private static final int MAX_REASON = 200;

    private final TlsReportRepository repository;
    private final Clock clock;

    public TlsReportCounter(TlsReportRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    public void success(AppliedPolicy policy) {
        add(new TlsSessionCount(policy.domain(), policy.type(), policy.text(), TlsSessionCount.SUCCESS, "", "", "", 1));
    }

    @Override
    public void failure(AppliedPolicy policy, TlsResultType type, MailHost host, String reason) {
        String trimmed = reason == null ? "" : reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        add(new TlsSessionCount(policy.domain(), policy.type(), policy.text(), type.reportName(),
                host == null ? "" : host.name(), host == null ? "" : host.address().getHostAddress(), trimmed, 1));
    }

    private void add(TlsSessionCount count) {
        try {
            repository.add(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), count);
        } catch (RuntimeException e) {
            // A lost count makes a report less exact; it is no reason to hold up mail.
            log.warn("TLS report count for {} not stored: {}", count.policyDomain(), e.toString());
        }
    }
}
