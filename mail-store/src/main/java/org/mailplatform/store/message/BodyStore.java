package org.mailplatform.store.message;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The shared message bodies: written once per stored message, read by every mailbox entry that
 * points at it, removed when the last such entry is gone. Runs inside the caller's transaction.
 */
public final class BodyStore {

    /**
     * PostgreSQL refuses a tsvector of 1 MB or more; text beyond this many characters is not
     * indexed. Enough for the words of any ordinary message.
     */
    static final int MAX_SEARCH_TEXT = 256 * 1024;

    /**
     * Characters of the search text (decoded header fields first, then the text parts) that go
     * into the word vector. SEARCH matches the stored text itself ({@code search_text}, up to
     * {@link #MAX_SEARCH_TEXT}); the vector is read only for bodies stored without that text
     * ({@link MessageRepository#searchText}), so cutting it changes no search result. Building the
     * vector is the dearest part of storing a large body (PostgreSQL's text parser takes some
     * 20 ms per 100 KiB of text): the whole text of an ordinary letter fits, an attachment-sized
     * text part is indexed by its beginning.
     */
    static final int MAX_VECTOR_TEXT = 16 * 1024;

    /** Rows per multi-row insert: 9 parameters each stays far below PostgreSQL's 65535. */
    static final int ROWS_PER_STATEMENT = 500;

    private final JdbcClient jdbc;

    public BodyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the body and returns its id. */
    public long insert(IncomingMessage message) {
        // searchable() only cuts the end and keeps the length otherwise, so the body start stays put.
        String text = searchable(message.searchText().orElse(""));
        return jdbc.sql("""
                        INSERT INTO message_bodies (content, size, sha256, envelope, body_structure, search_vector,
                                                    search_text, search_body_start)
                        VALUES (:content, :size, :sha256, CAST(:envelope AS jsonb), CAST(:structure AS jsonb),
                                to_tsvector('simple', :vectorText), :text, :bodyStart)
                        RETURNING id
                        """)
                .param("content", message.content())
                .param("size", (long) message.content().length)
                .param("sha256", sha256(message.content()))
                .param("envelope", text(message.envelopeJson().orElse(null)))
                .param("structure", text(message.bodyStructureJson().orElse(null)))
                .param("vectorText", prefix(text, MAX_VECTOR_TEXT))
                .param("text", text)
                .param("bodyStart", text.codePointCount(0, Math.min(message.searchBodyStart(), text.length())))
                .query(Long.class)
                .single();
    }

    /**
     * Stores the bodies with one multi-row statement per chunk and returns their ids in the given
     * order. The ids are drawn from the identity's sequence first, since the order of the rows
     * {@code RETURNING} gives back is not promised for a multi-row insert.
     */
    public long[] insertAll(List<IncomingMessage> messages) {
        if (messages.isEmpty()) {
            return new long[0];
        }
        long[] ids = jdbc.sql("""
                        SELECT nextval(pg_get_serial_sequence('message_bodies', 'id')) FROM generate_series(1, :n)
                        """)
                .param("n", messages.size())
                .query(Long.class)
                .list().stream().mapToLong(Long::longValue).toArray();
        for (int from = 0; from < messages.size(); from += ROWS_PER_STATEMENT) {
            int to = Math.min(messages.size(), from + ROWS_PER_STATEMENT);
            StringBuilder sql = new StringBuilder("""
                    INSERT INTO message_bodies (id, content, size, sha256, envelope, body_structure, search_vector,
                                                search_text, search_body_start)
                    OVERRIDING SYSTEM VALUE VALUES
                    """);
            List<Object> params = new ArrayList<>();
            for (int i = from; i < to; i++) {
                IncomingMessage message = messages.get(i);
                String text = searchable(message.searchText().orElse(""));
                sql.append(i == from ? "" : ",\n")
                        .append("(?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), to_tsvector('simple', ?), ?, ?)");
                params.add(ids[i]);
                params.add(message.content());
                params.add((long) message.content().length);
                params.add(sha256(message.content()));
                params.add(text(message.envelopeJson().orElse(null)));
                params.add(text(message.bodyStructureJson().orElse(null)));
                params.add(prefix(text, MAX_VECTOR_TEXT));
                params.add(text);
                params.add(text.codePointCount(0, Math.min(message.searchBodyStart(), text.length())));
            }
            jdbc.sql(sql.toString()).params(params).update();
        }
        return ids;
    }

    /**
     * Deletes those of the given bodies no message refers to any more. The bodies' rows are locked
     * first, so a concurrent copy that still refers to one either commits before the check (and
     * the body stays) or fails on its foreign key (the source was expunged under it).
     */
    public void deleteUnreferenced(Collection<Long> bodyIds) {
        if (bodyIds.isEmpty()) {
            return;
        }
        long[] ids = bodyIds.stream().mapToLong(Long::longValue).distinct().sorted().toArray();
        jdbc.sql("SELECT id FROM message_bodies WHERE id = ANY(:ids) ORDER BY id FOR UPDATE")
                .param("ids", ids)
                .query(Long.class)
                .list();
        jdbc.sql("""
                        DELETE FROM message_bodies b
                         WHERE b.id = ANY(:ids)
                           AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.body_id = b.id)
                        """)
                .param("ids", ids)
                .update();
    }

    private static SqlParameterValue text(String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    // PostgreSQL text cannot hold NUL.
    static String searchable(String text) {
        String t = prefix(text, MAX_SEARCH_TEXT);
        return t.indexOf('\0') >= 0 ? t.replace('\0', ' ') : t;
    }

    /** At most {@code max} chars of {@code text}, never half of a surrogate pair. */
    static String prefix(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
