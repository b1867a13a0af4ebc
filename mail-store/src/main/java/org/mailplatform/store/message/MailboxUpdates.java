package org.mailplatform.store.message;

import java.util.List;

/**
 * What changed in a mailbox after a MODSEQ, read from one snapshot: every change up to
 * {@code highestModseq} had committed when it was read, and none after it is in the lists.
 *
 * @param highestModseq the mailbox's HIGHESTMODSEQ (RFC 7162 3.1.2.1)
 * @param expunged      UIDs (within the scope asked for) expunged after the MODSEQ, ascending
 * @param changed       messages stored or changed after the MODSEQ, ascending by UID, without structure
 */
public record MailboxUpdates(long highestModseq, List<Long> expunged, List<MessageSummary> changed) {

    public MailboxUpdates {
        expunged = List.copyOf(expunged);
        changed = List.copyOf(changed);
    }
}
