package org.mailplatform.store.message;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
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

    /** Rows per multi-row insert: 9 parameters each stays far below PostgreSQL's 65535. */
    static final int ROWS_PER_STATEMENT = 500;

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

    /** One row of {@link #insertAll}. */
    public record Entry(long mailboxId, long uid, long bodyId, byte[] headerPrefix, long size, long modseq,
                        MessageFlags flags, Instant internalDate) {
    }

    /** Inserts the rows with one multi-row statement per chunk; the caller holds every mailbox row's lock. */
    public void insertAll(List<Entry> rows) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            int to = Math.min(rows.size(), from + ROWS_PER_STATEMENT);
            StringBuilder sql = new StringBuilder("""
                    INSERT INTO messages (mailbox_id, uid, body_id, header_prefix, size, modseq, flags, keywords, internal_date)
                    VALUES
                    """);
            List<Object> params = new ArrayList<>();
            for (int i = from; i < to; i++) {
                Entry e = rows.get(i);
                sql.append(i == from ? "" : ",\n").append("(?, ?, ?, ?, ?, ?, ?, ?, ?)");
                params.add(e.mailboxId());
                params.add(e.uid());
                params.add(e.bodyId());
                params.add(e.headerPrefix());
                params.add(e.size());
                params.add(e.modseq());
                params.add((short) e.flags().bits());
                params.add(e.flags().keywords().toArray(String[]::new));
                params.add(e.internalDate().atOffset(ZoneOffset.UTC));
            }
            jdbc.sql(sql.toString()).params(params).update();
        }
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
