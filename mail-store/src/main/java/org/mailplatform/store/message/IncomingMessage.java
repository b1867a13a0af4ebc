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
 */
public record IncomingMessage(byte[] content, Optional<String> envelopeJson,
                              Optional<String> bodyStructureJson, Optional<String> searchText) {

    public IncomingMessage {
        if (content == null || content.length == 0) {
            throw new IllegalArgumentException("message has no content");
        }
    }

    /** A message stored without parsed data (FETCH ENVELOPE/BODYSTRUCTURE then needs a parse). */
    public static IncomingMessage raw(byte[] content) {
        return new IncomingMessage(content, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
