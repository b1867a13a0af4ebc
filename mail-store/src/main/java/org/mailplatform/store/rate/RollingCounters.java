package org.mailplatform.store.rate;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts in {@code rolling_counts}, shared by every replica: a limit per hour means per hour for the
 * whole service, not per replica. The window rolls in sixtieths (a minute of an hour), so a budget comes
 * back gradually rather than all at once at the top of the hour. Concurrent additions to one key from
 * several replicas are serialized by a transaction-scoped advisory lock on the key, so a limit is never
 * passed. Times come from the caller, so every replica's window means the same whatever the database's
 * clock says.
 */
public final class RollingCounters {

    private static final int BUCKETS_PER_WINDOW = 60;
    // Expired rows of other keys removed per call: enough to keep the table to the live windows.
    private static final int STALE_ROWS_PER_CALL = 20;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public RollingCounters(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Adds {@code amount} to {@code key}'s count unless that would take the count over the last
     * {@code window} past {@code limit}.
     *
     * @return true when added
     */
    public boolean tryAdd(String key, int amount, int limit, Duration window, Instant now) {
        if (amount <= 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("amount and window must be positive: " + amount + ", " + window);
        }
        long bucketMillis = Math.max(1, window.toMillis() / BUCKETS_PER_WINDOW);
        OffsetDateTime bucket = utc(Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), bucketMillis) * bucketMillis));
        OffsetDateTime since = utc(now.minus(window));
        Boolean added = tx.execute(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                    .param("key", "rolling_counts:" + key)
                    .query((rs, row) -> 1)
                    .list();
            long used = jdbc.sql("SELECT coalesce(sum(count), 0) FROM rolling_counts WHERE key = :key AND bucket > :since")
                    .param("key", key)
                    .param("since", since)
                    .query(Long.class)
                    .single();
            if (used + amount > limit) {
                return false;
            }
            jdbc.sql("""
                            INSERT INTO rolling_counts AS c (key, bucket, count, expires_at)
                            VALUES (:key, :bucket, :amount, :expires)
                            ON CONFLICT (key, bucket) DO UPDATE SET count = c.count + excluded.count
                            """)
                    .param("key", key)
                    .param("bucket", bucket)
                    .param("amount", amount)
                    .param("expires", bucket.plus(window).plusNanos(bucketMillis * 1_000_000))
                    .update();
            jdbc.sql("DELETE FROM rolling_counts WHERE ctid = ANY(ARRAY(SELECT ctid FROM rolling_counts"
                            + " WHERE expires_at < :now LIMIT " + STALE_ROWS_PER_CALL + "))")
                    .param("now", utc(now))
                    .update();
            return true;
        });
        return Boolean.TRUE.equals(added);
    }

    /** The count over the last {@code window}. */
    public long count(String key, Duration window, Instant now) {
        return jdbc.sql("SELECT coalesce(sum(count), 0) FROM rolling_counts WHERE key = :key AND bucket > :since")
                .param("key", key)
                .param("since", utc(now.minus(window)))
                .query(Long.class)
                .single();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
