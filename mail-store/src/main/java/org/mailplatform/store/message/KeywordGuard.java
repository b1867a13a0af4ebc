package org.mailplatform.store.message;

import java.util.Collection;
import java.util.List;

import org.mailplatform.store.LimitExceededException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Applies {@link KeywordLimits} inside the transaction that adds keywords to a mailbox, while it holds
 * the mailbox's row lock: changes to one mailbox are serialized across every gateway replica, so all
 * of them count the same keywords and none can slip past the bound concurrently.
 */
final class KeywordGuard {

    private final JdbcClient jdbc;
    private final KeywordLimits limits;

    KeywordGuard(JdbcClient jdbc, KeywordLimits limits) {
        this.jdbc = jdbc;
        this.limits = limits;
    }

    KeywordLimits limits() {
        return limits;
    }

    /**
     * @throws LimitExceededException when a keyword is too long, or the keywords not yet in the mailbox
     *                                would take it past its limit
     */
    void check(long mailboxId, Collection<String> keywords) {
        if (keywords.isEmpty()) {
            return;
        }
        for (String keyword : keywords) {
            if (keyword.length() > limits.maxLength()) {
                throw new LimitExceededException("Keyword longer than " + limits.maxLength() + " characters");
            }
        }
        // Usually every keyword is in use already (the GIN index answers that); only a new one costs a count.
        List<String> added = jdbc.sql("SELECT k FROM unnest(CAST(:keywords AS text[])) AS k WHERE NOT EXISTS"
                        + " (SELECT 1 FROM messages m WHERE m.mailbox_id = :mailbox AND m.keywords @> ARRAY[k])")
                .param("keywords", keywords.stream().distinct().toArray(String[]::new))
                .param("mailbox", mailboxId)
                .query(String.class)
                .list();
        if (added.isEmpty()) {
            return;
        }
        long inUse = jdbc.sql("SELECT count(DISTINCT k) FROM messages m, unnest(m.keywords) AS k WHERE m.mailbox_id = :mailbox")
                .param("mailbox", mailboxId)
                .query(Long.class)
                .single();
        if (inUse + added.size() > limits.maxPerMailbox()) {
            throw new LimitExceededException("Too many keywords in this mailbox (at most " + limits.maxPerMailbox() + ")");
        }
    }

    /** The distinct keywords of some messages of a mailbox, for a copy of them. */
    List<String> keywordsOf(long mailboxId, long[] lows, long[] highs, String ranges) {
        return jdbc.sql("SELECT DISTINCT k FROM messages m JOIN " + ranges + " ON m.uid BETWEEN r.lo AND r.hi,"
                        + " unnest(m.keywords) AS k WHERE m.mailbox_id = :mailbox")
                .param("lows", lows)
                .param("highs", highs)
                .param("mailbox", mailboxId)
                .query(String.class)
                .list();
    }
}
