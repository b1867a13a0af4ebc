package org.mailplatform.store.account;

import java.util.Arrays;

import org.mailplatform.store.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The accounts' used-bytes counters and quota checks. Each call runs inside the caller's
 * transaction and holds the account row's lock until it ends, which is why callers lock accounts
 * before mailboxes (see the schema's lock order).
 */
public final class StorageUsage {

    private final JdbcClient jdbc;

    public StorageUsage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the accounts' rows in ascending id order. */
    public void lock(long... accountIds) {
        long[] ids = Arrays.stream(accountIds).distinct().sorted().toArray();
        jdbc.sql("SELECT id FROM accounts WHERE id = ANY(:ids) ORDER BY id FOR NO KEY UPDATE")
                .param("ids", ids)
                .query(Long.class)
                .list();
    }

    /**
     * Adds {@code bytes} to the account's usage if that stays within its quota.
     *
     * @return false when the quota would be exceeded
     * @throws NotFoundException when there is no such account
     */
    public boolean reserve(long accountId, long bytes) {
        int updated = jdbc.sql("""
                        UPDATE accounts SET used_bytes = used_bytes + :bytes
                        WHERE id = :id AND (quota_bytes = 0 OR used_bytes + :bytes <= quota_bytes)
                        """)
                .param("bytes", bytes)
                .param("id", accountId)
                .update();
        if (updated == 1) {
            return true;
        }
        boolean exists = jdbc.sql("SELECT count(*) FROM accounts WHERE id = :id")
                .param("id", accountId)
                .query(Long.class)
                .single() > 0;
        if (!exists) {
            throw new NotFoundException("no account " + accountId);
        }
        return false;
    }

    /** Gives back storage after messages were removed. */
    public void release(long accountId, long bytes) {
        if (bytes == 0) {
            return;
        }
        jdbc.sql("UPDATE accounts SET used_bytes = greatest(0, used_bytes - :bytes) WHERE id = :id")
                .param("bytes", bytes)
                .param("id", accountId)
                .update();
    }
}
