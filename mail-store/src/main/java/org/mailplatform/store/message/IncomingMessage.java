package org.mailplatform.store.message;

import java.util.Optional;

/**
 * A message to store, with what its parser (Mime4j, in the MDA or the IMAP APPEND path) found.
 * The store keeps the parsed parts as given and never parses the bytes itself.
 *
 * @param content           the raw RFC 5322 octets, exactly as received (CRLF line ends)
 * @param envelopeJson      IMAP ENVELOPE data as JSON, if parsed
 * @param bodyStructureJson IMAP BODYSTRUCTURE data as JSON, if parsed
 * @param searchText        decoded header and text-part words for full-text search, if any
 * @param searchBodyStart   where in {@code searchText} the text parts start (characters before it
 *                          come from header fields), so SEARCH BODY can leave the header out
 */
public record IncomingMessage(byte[] content, Optional<String> envelopeJson,
                              Optional<String> bodyStructureJson, Optional<String> searchText, int searchBodyStart) {

    /** A message whose search text, if any, is all body text. */
    public IncomingMessage(byte[] content, Optional<String> envelopeJson, Optional<String> bodyStructureJson,
                           Optional<String> searchText) {
        this(content, envelopeJson, bodyStructureJson, searchText, 0);
    }

    public IncomingMessage {
        if (content == null || content.length == 0) {
            throw new IllegalArgumentException("message has no content");
        }
        if (searchBodyStart < 0 || searchBodyStart > searchText.map(String::length).orElse(0)) {
            throw new IllegalArgumentException("search body start outside the search text");
        }
    }

    /** A message stored without parsed data (FETCH ENVELOPE/BODYSTRUCTURE then needs a parse). */
    public static IncomingMessage raw(byte[] content) {
        return new IncomingMessage(content, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
