package org.mailplatform.store.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Failed-login counts in {@code auth_failures}, shared by every replica: each call is one
 * statement, and concurrent failures for one key from several replicas are counted exactly
 * (an upsert takes the row's lock). Times come from the caller, so the throttle's window and
 * blocks mean the same on every replica whatever the database's clock says.
 */
public final class AuthFailureRepository {

    private static final String COLUMNS = "key, failures, last_failure, blocked_until";

    private final JdbcClient jdbc;

    public AuthFailureRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The rows of these keys; keys with none are absent from the map. */
    public Map<String, AuthFailure> find(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM auth_failures WHERE key = ANY(:keys)")
                .param("keys", keys.toArray(String[]::new))
                .query(AuthFailureRepository::map)
                .list().stream()
                .collect(Collectors.toMap(AuthFailure::key, Function.identity()));
    }

    /**
     * Counts one failure for each key and returns the rows after it. A count whose last failure
     * is older than {@code window} and whose block is over starts again at one.
     */
    public Map<String, AuthFailure> recordFailure(Collection<String> keys, Instant now, Duration window) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        // Sorted, so two replicas counting the same pair of keys lock the rows in the same order.
        List<String> sorted = keys.stream().distinct().sorted().toList();
        return jdbc.sql("""
                        INSERT INTO auth_failures AS f (key, failures, last_failure)
                        SELECT k, 1, :now FROM unnest(:keys) AS k ORDER BY k
                        ON CONFLICT (key) DO UPDATE SET
                            failures = CASE WHEN f.last_failure < :since
                                             AND (f.blocked_until IS NULL OR f.blocked_until <= :now)
                                            THEN 1 ELSE LEAST(f.failures + 1, 1000000) END,
                            blocked_until = CASE WHEN f.blocked_until > :now THEN f.blocked_until END,
                            last_failure = GREATEST(f.last_failure, :now)
                        RETURNING\s""" + COLUMNS)
                .param("keys", sorted.toArray(String[]::new))
                .param("now", at(now))
                .param("since", at(now.minus(window)))
                .query(AuthFailureRepository::map)
                .list().stream()
                .collect(Collectors.toMap(AuthFailure::key, Function.identity()));
    }

    /** Refuses the key until {@code until}, or longer when a block already runs longer. */
    public void block(String key, Instant until) {
        jdbc.sql("""
                        UPDATE auth_failures SET blocked_until = GREATEST(coalesce(blocked_until, :until), :until)
                         WHERE key = :key
                        """)
                .param("key", key)
                .param("until", at(until))
                .update();
    }

    /** Forgets the key's failures (a successful login, an admin's password change). */
    public void clear(String key) {
        jdbc.sql("DELETE FROM auth_failures WHERE key = :key").param("key", key).update();
    }

    /** Deletes rows whose last failure is before {@code lastFailureBefore} and whose block is over. */
    public int deleteExpired(Instant lastFailureBefore, Instant now) {
        return jdbc.sql("""
                        DELETE FROM auth_failures
                         WHERE last_failure < :before AND (blocked_until IS NULL OR blocked_until <= :now)
                        """)
                .param("before", at(lastFailureBefore))
                .param("now", at(now))
                .update();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static AuthFailure map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime blocked = rs.getObject("blocked_until", OffsetDateTime.class);
        return new AuthFailure(rs.getString("key"), rs.getInt("failures"),
                rs.getObject("last_failure", OffsetDateTime.class).toInstant(), blocked == null ? null : blocked.toInstant());
    }
}
