package org.mailplatform.store.message;

import java.util.List;

/**
 * Messages removed from a mailbox.
 *
 * @param uids        the removed UIDs, ascending (the gateway maps them to sequence numbers)
 * @param modseq      the MODSEQ recorded for them as VANISHED (RFC 7162 3.2.10); the mailbox's
 *                    HIGHESTMODSEQ when nothing was removed
 * @param freedBytes  sum of their RFC822.SIZE, given back to the account's quota
 */
public record ExpungeResult(List<Long> uids, long modseq, long freedBytes) {
}
