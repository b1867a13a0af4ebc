package org.mailplatform.store.transport;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The MTA-STS policy cache of all replicas (table {@code mta_sts_policies}). */
public final class MtaStsPolicyRepository {

    private final JdbcClient jdbc;

    public MtaStsPolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CachedStsPolicy> find(String domain) {
        return jdbc.sql("SELECT domain, policy_id, policy, fetched_at, expires_at FROM mta_sts_policies WHERE domain = :domain")
                .param("domain", domain.toLowerCase(Locale.ROOT))
                .query(MtaStsPolicyRepository::map)
                .optional();
    }

    /** Replaces the domain's policy; the later fetch wins when two replicas refresh at once. */
    public void save(CachedStsPolicy policy) {
        jdbc.sql("INSERT INTO mta_sts_policies (domain, policy_id, policy, fetched_at, expires_at)"
                        + " VALUES (:domain, :id, :policy, :fetchedAt, :expiresAt)"
                        + " ON CONFLICT (domain) DO UPDATE SET policy_id = excluded.policy_id, policy = excluded.policy,"
                        + " fetched_at = excluded.fetched_at, expires_at = excluded.expires_at"
                        + " WHERE mta_sts_policies.fetched_at <= excluded.fetched_at")
                .param("domain", policy.domain().toLowerCase(Locale.ROOT))
                .param("id", policy.policyId())
                .param("policy", policy.policy())
                .param("fetchedAt", OffsetDateTime.ofInstant(policy.fetchedAt(), ZoneOffset.UTC))
                .param("expiresAt", OffsetDateTime.ofInstant(policy.expiresAt(), ZoneOffset.UTC))
                .update();
    }

    private static CachedStsPolicy map(ResultSet rs, int row) throws SQLException {
        return new CachedStsPolicy(rs.getString("domain"), rs.getString("policy_id"), rs.getString("policy"),
                rs.getObject("fetched_at", OffsetDateTime.class).toInstant(),
                rs.getObject("expires_at", OffsetDateTime.class).toInstant());
    }
}
