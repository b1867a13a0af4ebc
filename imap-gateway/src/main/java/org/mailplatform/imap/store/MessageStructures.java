package org.mailplatform.imap.store;

import java.util.List;
import java.util.function.Supplier;

import org.mailplatform.message.BodyPart;
import org.mailplatform.message.EmbeddedMessage;
import org.mailplatform.message.MessageParser;
import org.mailplatform.message.ParsedMessage;
import org.mailplatform.message.ParsedMessageJson;
import org.mailplatform.store.message.MessageContent;
import org.mailplatform.store.message.MessageSummary;

/**
 * The parsed structure of a stored message, for ENVELOPE, BODYSTRUCTURE, BODY[section] and SEARCH:
 * read from the JSON stored at delivery or APPEND, and otherwise (no JSON, a format this code
 * does not read) parsed from the bytes. A delivered message is shown with a per-recipient header
 * prefix (Return-Path, Delivered-To) in front of the shared body; the stored offsets count from
 * the body, so they are moved by the prefix's length, and the prefix becomes part of the header.
 */
public final class MessageStructures {

    private final MessageParser parser;

    public MessageStructures(MessageParser parser) {
        this.parser = parser;
    }

    /**
     * @param summary a summary read with its structure
     * @param content the message's octets, asked for only when the stored structure cannot be used
     */
    public ParsedMessage parsed(MessageSummary summary, Supplier<MessageContent> content) {
        ParsedMessage stored = summary.bodyStructureJson().map(MessageStructures::fromJson).orElse(null);
        if (stored != null) {
            long prefix = summary.size() - stored.size();
            if (prefix == 0) {
                return stored;
            }
            if (prefix > 0) {
                return shifted(stored, prefix);
            }
        }
        return parser.parse(content.get().readAllBytes());
    }

    private static ParsedMessage fromJson(String json) {
        try {
            return ParsedMessageJson.fromJson(json);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static ParsedMessage shifted(ParsedMessage m, long prefix) {
        return new ParsedMessage(m.size() + prefix, m.envelope(), shift(m.body(), prefix, true), m.sentAt(), m.sentDay(),
                m.messageId(), m.hasAttachments(), m.searchHeaders(), m.searchText(), m.searchTextTruncated(),
                m.defects());
    }

    private static BodyPart shift(BodyPart p, long by, boolean root) {
        List<BodyPart> parts = p.parts().stream().map(child -> shift(child, by, false)).toList();
        EmbeddedMessage message = p.message() == null ? null
                : new EmbeddedMessage(p.message().envelope(), shift(p.message().body(), by, false));
        return new BodyPart(p.type(), p.subtype(), p.parameters(), p.id(), p.description(), p.encoding(), p.size(),
                p.lines(), p.md5(), p.disposition(), p.language(), p.location(), parts, message,
                root ? 0 : p.headerStart() + by, p.bodyStart() + by, p.bodyEnd() + by);
    }
}
