package org.mailplatform.store.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.StoreTestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

class TransportSecurityRepositoriesTest {

    private final JdbcClient jdbc = JdbcClient.create(StoreTestDatabase.dataSource());
    private final MtaStsPolicyRepository policies = new MtaStsPolicyRepository(jdbc);
    private final TlsReportRepository reports = new TlsReportRepository(jdbc);

    @Test
    void aPolicyFetchedEarlierDoesNotReplaceALaterOne() {
        String domain = "sts-" + UUID.randomUUID() + ".test";
        Instant now = Instant.now();
        policies.save(new CachedStsPolicy(domain, "2", "later", now, now.plusSeconds(60)));
        policies.save(new CachedStsPolicy(domain, "1", "earlier", now.minusSeconds(5), now.plusSeconds(60)));
        assertThat(policies.find(domain.toUpperCase())).map(CachedStsPolicy::policy).contains("later");
        policies.save(new CachedStsPolicy(domain, "3", "newest", now.plusSeconds(1), now.plusSeconds(60)));
        assertThat(policies.find(domain)).map(CachedStsPolicy::policyId).contains("3");
    }

    @Test
    void sessionsAddUpAndADayIsClaimedOnce() {
        String domain = "rpt-" + UUID.randomUUID() + ".test";
        LocalDate day = LocalDate.of(2026, 12, 1);
        TlsSessionCount success = new TlsSessionCount(domain, "sts", "version: STSv1", TlsSessionCount.SUCCESS, "", "", "", 1);
        TlsSessionCount failure = new TlsSessionCount(domain, "sts", "version: STSv1", "certificate-expired", "mx." + domain,
                "192.0.2.1", "expired", 1);
        reports.add(day, success);
        reports.add(day, success);
        reports.add(day, failure);

        assertThat(reports.daysWithCounts(day.plusDays(1))).contains(day);
        assertThat(reports.domains(day)).contains(domain);
        assertThat(reports.counts(day, domain)).extracting(TlsSessionCount::resultType, TlsSessionCount::sessions)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("success", 2L),
                        org.assertj.core.groups.Tuple.tuple("certificate-expired", 1L));

        assertThat(reports.claim(day, domain, "a")).isTrue();
        assertThat(reports.claim(day, domain, "b")).isFalse();
        reports.release(day, domain);
        assertThat(reports.claim(day, domain, "c")).isTrue();

        reports.forget(day, domain);
        assertThat(reports.counts(day, domain)).isEmpty();
        reports.add(day, failure);
        reports.forgetDaysBefore(day.plusDays(1));
        assertThat(reports.counts(day, domain)).isEmpty();
        assertThat(reports.claim(day, domain, "d")).isTrue();
    }
}
