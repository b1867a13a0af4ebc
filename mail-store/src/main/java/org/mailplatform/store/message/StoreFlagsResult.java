package org.mailplatform.store.message;

import java.util.List;

/**
 * Outcome of a STORE.
 *
 * @param updated        messages whose flags changed (a STORE that changes nothing gets no MODSEQ)
 * @param modified       RFC 7162 3.1.3: UIDs left alone because their MODSEQ exceeded UNCHANGEDSINCE
 * @param highestModseq  the mailbox's HIGHESTMODSEQ afterwards
 */
public record StoreFlagsResult(List<FlagUpdate> updated, List<Long> modified, long highestModseq) {
}
