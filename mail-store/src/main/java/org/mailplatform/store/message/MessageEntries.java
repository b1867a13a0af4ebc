package org.mailplatform.store.message;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows of the {@code messages} table written inside a caller's transaction, for the store's
 * delivery and mailbox code. The caller holds the mailbox row's lock (see {@code UidAllocator}).
 */
public final class MessageEntries {

    /** What removing a mailbox's messages gave back. */
    public record Removed(long freedBytes, List<Long> bodyIds) {
    }

    private final JdbcClient jdbc;

    public MessageEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(long mailboxId, long uid, long bodyId, byte[] headerPrefix, long size, long modseq,
                       MessageFlags flags, Instant internalDate) {
        jdbc.sql("""
                        INSERT INTO messages (mailbox_id, uid, body_id, header_prefix, size, modseq, flags, keywords, internal_date)
                        VALUES (:mailbox, :uid, :body, :prefix, :size, :modseq, :flags, :keywords, :date)
                        """)
                .param("mailbox", mailboxId)
                .param("uid", uid)
                .param("body", bodyId)
                .param("prefix", headerPrefix)
                .param("size", size)
                .param("modseq", modseq)
                .param("flags", (short) flags.bits())
                .param("keywords", flags.keywords().toArray(String[]::new))
                .param("date", internalDate.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Deletes every message of a mailbox (the mailbox is being deleted); bodies are left to the caller. */
    public Removed deleteAll(long mailboxId) {
        List<long[]> rows = jdbc.sql("DELETE FROM messages WHERE mailbox_id = :mailbox RETURNING size, body_id")
                .param("mailbox", mailboxId)
                .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .list();
        long freed = rows.stream().mapToLong(r -> r[0]).sum();
        return new Removed(freed, rows.stream().map(r -> r[1]).distinct().toList());
    }
}
