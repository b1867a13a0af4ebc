package org.mailplatform.store.mailbox;

import java.util.Arrays;

import org.mailplatform.store.NotFoundException;
import org.mailplatform.store.OperationNotAllowedException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hands out UIDs and MODSEQs inside the caller's transaction. The mailbox row stays locked until
 * that transaction ends, so concurrent appends to one mailbox queue behind each other: no UID is
 * given twice, and UIDs become visible in the order they were given (RFC 9051 2.3.1.1: UIDs
 * strictly ascend; a client that has seen UID n never later sees a new message below n).
 */
public final class UidAllocator {

    /** A mailbox's counters as read under its row lock. */
    public record Counters(long mailboxId, long accountId, long uidValidity, long uidNext, long highestModseq) {
    }

    /** A block of consecutive UIDs and the MODSEQ shared by the messages stored with them. */
    public record Allocation(long mailboxId, long accountId, long uidValidity, long firstUid, long modseq) {
    }

    private final JdbcClient jdbc;

    public UidAllocator(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Reserves {@code count} UIDs (0 only bumps the MODSEQ) in a selectable mailbox. */
    public Allocation allocate(long mailboxId, int count) {
        try {
            return update(mailboxId, count);
        } catch (DataIntegrityViolationException e) {
            // RFC 9051 2.3.1.1: UIDs are 32-bit; past 4294967295 the mailbox cannot take more.
            throw new OperationNotAllowedException("mailbox " + mailboxId + " has no UIDs left");
        }
    }

    private Allocation update(long mailboxId, int count) {
        return jdbc.sql("""
                        UPDATE mailboxes
                           SET uid_next = uid_next + :count, highest_modseq = highest_modseq + 1
                         WHERE id = :id AND selectable
                        RETURNING id, account_id, uid_validity, uid_next - :count AS first_uid, highest_modseq
                        """)
                .param("count", count)
                .param("id", mailboxId)
                .query((rs, row) -> new Allocation(rs.getLong("id"), rs.getLong("account_id"),
                        rs.getLong("uid_validity"), rs.getLong("first_uid"), rs.getLong("highest_modseq")))
                .optional()
                .orElseThrow(() -> new NotFoundException("no selectable mailbox " + mailboxId));
    }

    /** A new MODSEQ for a change that adds no message (flags, expunge). */
    public long nextModseq(long mailboxId) {
        return allocate(mailboxId, 0).modseq();
    }

    /**
     * Locks a selectable mailbox's row without changing it and returns its current counters; a
     * change that turns out to touch no message then leaves HIGHESTMODSEQ alone, and one that does
     * records {@code highestModseq + 1} through {@link #setHighestModseq}.
     */
    public Counters lockForChange(long mailboxId) {
        return jdbc.sql("""
                        SELECT id, account_id, uid_validity, uid_next, highest_modseq
                          FROM mailboxes WHERE id = :id AND selectable
                           FOR NO KEY UPDATE
                        """)
                .param("id", mailboxId)
                .query((rs, row) -> new Counters(rs.getLong("id"), rs.getLong("account_id"),
                        rs.getLong("uid_validity"), rs.getLong("uid_next"), rs.getLong("highest_modseq")))
                .optional()
                .orElseThrow(() -> new NotFoundException("no selectable mailbox " + mailboxId));
    }

    /** Records a MODSEQ used by a change made under {@link #lockForChange}. */
    public void setHighestModseq(long mailboxId, long modseq) {
        jdbc.sql("UPDATE mailboxes SET highest_modseq = greatest(highest_modseq, :modseq) WHERE id = :id")
                .param("modseq", modseq)
                .param("id", mailboxId)
                .update();
    }

    /** Locks the mailboxes' rows in ascending id order (for operations that touch several). */
    public void lock(long... mailboxIds) {
        long[] ids = Arrays.stream(mailboxIds).distinct().sorted().toArray();
        jdbc.sql("SELECT id FROM mailboxes WHERE id = ANY(:ids) ORDER BY id FOR NO KEY UPDATE")
                .param("ids", ids)
                .query(Long.class)
                .list();
    }

    /** The account owning a selectable mailbox. */
    public long ownerOf(long mailboxId) {
        return jdbc.sql("SELECT account_id FROM mailboxes WHERE id = :id AND selectable")
                .param("id", mailboxId)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("no selectable mailbox " + mailboxId));
    }
}
