package org.mailplatform.imap.sort;

import java.time.Instant;
import java.util.List;

/**
 * What SORT and THREAD compare of one message, computed once per command: the address keys
 * and the base subject already case-mapped ({@link Collation}).
 *
 * @param sequence    the message sequence number in the session, the final tie-break
 * @param arrival     the internal date (ARRIVAL)
 * @param sent        the Date header, else the internal date (RFC 5256 2.2)
 * @param subject     the base subject (RFC 5256 2.1)
 * @param subjectKey  the base subject case-mapped
 * @param from        the first From address's local part (RFC 5256 3 FROM), case-mapped; "" when none
 * @param messageId   the Message-ID without its angle brackets; null when absent
 * @param references  the parent chain for THREAD REFERENCES, oldest first (References, else the
 *                    first id of In-Reply-To), at most {@link SortableMessages#MAX_REFERENCES}
 */
public record SortableMessage(long uid, int sequence, Instant arrival, long size, Instant sent,
                              BaseSubject subject, String subjectKey, String from, String to, String cc,
                              String displayFrom, String displayTo, String messageId, List<String> references) {
}
