package org.mailplatform.message;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Everything the platform keeps about a message besides its raw bytes, parsed once at delivery.
 *
 * @param size                octets of the raw message (RFC822.SIZE)
 * @param envelope            the IMAP ENVELOPE
 * @param body                the root entity: BODYSTRUCTURE data and offsets; its header is the
 *                            message header, {@code headerStart} is 0 and {@code bodyEnd} is {@code size}
 * @param sentAt              the Date header as an instant, null when absent or invalid
 * @param sentDay             the calendar day of the Date header in its own zone, which RFC 3501
 *                            6.4.4 SENTBEFORE / SENTON / SENTSINCE compare ("disregarding time and
 *                            timezone"); null when absent or invalid
 * @param messageId           the first msg-id of the Message-ID header, with its angle brackets
 * @param hasAttachments      whether any part is an attachment (see README for the rule)
 * @param searchHeaders       decoded subject and addresses
 * @param searchText          decoded body text for full-text search, capped
 * @param searchTextTruncated whether the cap cut the search text
 * @param defects             what was wrong with the message and was worked around
 */
public record ParsedMessage(
        long size,
        Envelope envelope,
        BodyPart body,
        Instant sentAt,
        LocalDate sentDay,
        String messageId,
        boolean hasAttachments,
        SearchHeaders searchHeaders,
        String searchText,
        boolean searchTextTruncated,
        List<ParseDefect> defects) {

    public ParsedMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(body, "body");
        searchHeaders = searchHeaders == null ? SearchHeaders.EMPTY : searchHeaders;
        searchText = searchText == null ? "" : searchText;
        defects = defects == null ? List.of() : List.copyOf(defects);
    }
}
