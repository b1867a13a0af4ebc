package org.mailplatform.imap.store;

import java.util.HashMap;
import java.util.Map;

import org.mailplatform.store.message.UidSet;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The header sections of many messages in one query, for SEARCH on header fields: the
 * per-recipient prefix followed by the body's header up to its empty line. Only the first
 * {@value #MAX_HEADER} octets of each body are read (the column is stored uncompressed, so that is
 * a slice, not the whole message); a longer header is searched in that much.
 */
public final class HeaderReader {

    static final int MAX_HEADER = 64 * 1024;

    private final JdbcClient jdbc;

    public HeaderReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<Long, byte[]> headers(long mailboxId, UidSet uids) {
        Map<Long, byte[]> result = new HashMap<>();
        if (uids.isEmpty()) {
            return result;
        }
        long[] lows = uids.ranges().stream().mapToLong(UidSet.Range::low).toArray();
        long[] highs = uids.ranges().stream().mapToLong(UidSet.Range::high).toArray();
        jdbc.sql("""
                        SELECT m.uid, m.header_prefix, substring(b.content FROM 1 FOR :max) AS head
                          FROM messages m JOIN message_bodies b ON b.id = m.body_id
                          JOIN unnest(CAST(:lows AS bigint[]), CAST(:highs AS bigint[])) AS r(lo, hi)
                            ON m.uid BETWEEN r.lo AND r.hi
                         WHERE m.mailbox_id = :mailbox
                        """)
                .param("max", MAX_HEADER)
                .param("lows", lows)
                .param("highs", highs)
                .param("mailbox", mailboxId)
                .query((rs, row) -> {
                    byte[] prefix = rs.getBytes("header_prefix");
                    byte[] head = rs.getBytes("head");
                    int end = headerEnd(head);
                    byte[] header = new byte[prefix.length + end];
                    System.arraycopy(prefix, 0, header, 0, prefix.length);
                    System.arraycopy(head, 0, header, prefix.length, end);
                    result.put(rs.getLong("uid"), header);
                    return null;
                })
                .list();
        return result;
    }

    /** Offset just past the empty line ending the header (CRLF CRLF, or LF LF), or the length. */
    static int headerEnd(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] != '\n') {
                continue;
            }
            if (i + 1 < b.length && b[i + 1] == '\n') {
                return i + 2;
            }
            if (i + 2 < b.length && b[i + 1] == '\r' && b[i + 2] == '\n') {
                return i + 3;
            }
        }
        return b.length;
    }
}
