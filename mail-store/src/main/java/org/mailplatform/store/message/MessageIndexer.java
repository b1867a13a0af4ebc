package org.mailplatform.store.message;

import java.util.Optional;
import java.util.regex.Pattern;

import org.mailplatform.message.MessageParser;
import org.mailplatform.message.ParsedMessage;
import org.mailplatform.message.ParsedMessageJson;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses a message once, at delivery, into what the store keeps beside the raw bytes:
 * <ul>
 *   <li>{@code body_structure}: the whole {@link ParsedMessageJson} document (versioned; ENVELOPE,
 *       BODYSTRUCTURE, part offsets, dates), without the search text, which the store indexes
 *       separately;</li>
 *   <li>{@code envelope}: the document's IMAP ENVELOPE object alone, for FETCH ENVELOPE without
 *       reading the structure;</li>
 *   <li>the search text: decoded subject, addresses and body text.</li>
 * </ul>
 * The raw bytes are never changed: broken MIME is stored exactly as received.
 */
public final class MessageIndexer {

    // PostgreSQL jsonb refuses \u0000 (it cannot be converted to text); an escaped backslash before it is kept.
    private static final Pattern JSON_NUL = Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MessageParser parser;

    public MessageIndexer(MessageParser parser) {
        this.parser = parser;
    }

    public IncomingMessage index(byte[] content) {
        ParsedMessage parsed = parser.parse(content);
        ParsedMessage withoutText = new ParsedMessage(parsed.size(), parsed.envelope(), parsed.body(), parsed.sentAt(),
                parsed.sentDay(), parsed.messageId(), parsed.hasAttachments(), parsed.searchHeaders(), "",
                parsed.searchTextTruncated(), parsed.defects());
        String document = ParsedMessageJson.toJson(withoutText);
        // The envelope is cut out of the document, so both columns always share one format.
        String envelope = jsonbSafe(JSON.writeValueAsString(JSON.readTree(document).path("message").path("envelope")));
        String structure = jsonbSafe(document);
        String headers = parsed.searchHeaders().asText();
        String text = headers.isEmpty() ? parsed.searchText() : headers + "\n" + parsed.searchText();
        return new IncomingMessage(content, Optional.of(envelope), Optional.of(structure), Optional.of(text),
                text.length() - parsed.searchText().length());
    }

    static String jsonbSafe(String json) {
        if (!json.contains("\\u0000")) {
            return json;
        }
        return JSON_NUL.matcher(json).replaceAll("$1\\\\ufffd");
    }
}
