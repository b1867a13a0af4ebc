package org.mailplatform.store.message;

import java.util.List;

/**
 * A mailbox's counters and messages read from one snapshot, for IMAP SELECT and EXAMINE
 * (RFC 9051 6.3.2): the sequence map, EXISTS, UIDNEXT and HIGHESTMODSEQ all describe the same
 * state, so no change can fall between them.
 *
 * @param firstRecentUid the lowest UID not yet claimed as \Recent by a session (RFC 3501 2.3.2)
 * @param messages       every message, ascending by UID, without structure
 */
public record MailboxContents(long mailboxId, long uidValidity, long uidNext, long highestModseq, long firstRecentUid,
                              List<MessageSummary> messages) {

    public MailboxContents {
        messages = List.copyOf(messages);
    }

    /** The lowest UID without \Seen, or 0 when every message has it (RFC 3501 6.3.1 UNSEEN). */
    public long firstUnseenUid() {
        for (MessageSummary m : messages) {
            if (!m.flags().has(SystemFlag.SEEN)) {
                return m.uid();
            }
        }
        return 0;
    }
}
