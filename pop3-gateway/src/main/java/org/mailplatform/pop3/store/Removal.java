package org.mailplatform.pop3.store;

import java.util.List;

/**
 * What QUIT removed from a maildrop.
 *
 * @param uids   the removed UIDs, ascending (fewer than asked when another session removed some first)
 * @param modseq the mailbox's HIGHESTMODSEQ after the removal
 */
public record Removal(String accountKey, long mailboxId, long uidValidity, List<Long> uids, long modseq) {

    public Removal {
        uids = List.copyOf(uids);
    }
}
