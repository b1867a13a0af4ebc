package org.mailplatform.store.transport;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The TLS session counts of all replicas (table {@code tls_report_counts}) and the reports sent
 * from them ({@code tls_reports_sent}), so that each day is reported once per policy domain.
 */
public final class TlsReportRepository {

    private final JdbcClient jdbc;

    public TlsReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds {@code count.sessions()} to the day's counter of that kind. */
    public void add(LocalDate day, TlsSessionCount count) {
        jdbc.sql("INSERT INTO tls_report_counts (day, policy_domain, policy_type, policy, result_type, receiving_mx,"
                        + " receiving_ip, failure_reason, sessions) VALUES (:day, :domain, :type, :policy, :result, :mx,"
                        + " :ip, :reason, :sessions) ON CONFLICT (day, policy_domain, policy_type, policy, result_type,"
                        + " receiving_mx, receiving_ip, failure_reason)"
                        + " DO UPDATE SET sessions = tls_report_counts.sessions + excluded.sessions")
                .param("day", day)
                .param("domain", count.policyDomain().toLowerCase(Locale.ROOT))
                .param("type", count.policyType())
                .param("policy", count.policy())
                .param("result", count.resultType())
                .param("mx", count.receivingMx())
                .param("ip", count.receivingIp())
                .param("reason", count.failureReason())
                .param("sessions", count.sessions())
                .update();
    }

    /** Days before {@code before} with counts not yet reported, oldest first. */
    public List<LocalDate> daysWithCounts(LocalDate before) {
        return jdbc.sql("SELECT DISTINCT day FROM tls_report_counts WHERE day < :before ORDER BY day")
                .param("before", before)
                .query(LocalDate.class)
                .list();
    }

    public List<String> domains(LocalDate day) {
        return jdbc.sql("SELECT DISTINCT policy_domain FROM tls_report_counts WHERE day = :day ORDER BY policy_domain")
                .param("day", day)
                .query(String.class)
                .list();
    }

    public List<TlsSessionCount> counts(LocalDate day, String domain) {
        return jdbc.sql("SELECT policy_domain, policy_type, policy, result_type, receiving_mx, receiving_ip, failure_reason,"
                        + " sessions FROM tls_report_counts WHERE day = :day AND policy_domain = :domain"
                        + " ORDER BY policy_type, policy, result_type, receiving_mx, receiving_ip, failure_reason")
                .param("day", day)
                .param("domain", domain)
                .query((rs, row) -> new TlsSessionCount(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8)))
                .list();
    }

    /**
     * Claims the day's report of a domain for this replica.
     *
     * @return false when another replica has claimed (or sent) it
     */
    public boolean claim(LocalDate day, String domain, String reportId) {
        return jdbc.sql("INSERT INTO tls_reports_sent (day, policy_domain, report_id) VALUES (:day, :domain, :id)"
                        + " ON CONFLICT DO NOTHING")
                .param("day", day)
                .param("domain", domain)
                .param("id", reportId)
                .update() == 1;
    }

    /** Gives a claim back after the report could not be sent, so a later run tries again. */
    public void release(LocalDate day, String domain) {
        jdbc.sql("DELETE FROM tls_reports_sent WHERE day = :day AND policy_domain = :domain")
                .param("day", day)
                .param("domain", domain)
                .update();
    }

    /** Drops the counts of a day and domain that was reported, or that has nowhere to be reported to. */
    public void forget(LocalDate day, String domain) {
        jdbc.sql("DELETE FROM tls_report_counts WHERE day = :day AND policy_domain = :domain")
                .param("day", day)
                .param("domain", domain)
                .update();
    }

    /**
     * Drops everything about days before {@code before}: counts a replica claimed but never
     * reported (it stopped on the way), and claims, whose counts are gone.
     */
    public void forgetDaysBefore(LocalDate before) {
        jdbc.sql("DELETE FROM tls_report_counts WHERE day < :before").param("before", before).update();
        jdbc.sql("DELETE FROM tls_reports_sent WHERE day < :before").param("before", before).update();
    }
}
