package org.mailplatform.message;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses a message once, at delivery, into what IMAP FETCH and SEARCH need later without reading
 * the message again: ENVELOPE and BODYSTRUCTURE data (RFC 3501 7.4.2, RFC 9051 7.5.2), the byte
 * offsets of every header and body (for BODY[section], RFC 3501 6.4.5, and BINARY[section],
 * RFC 3516), the sent date, and decoded text for full-text search.
 *
 * <p>It never throws on what is in the message: broken MIME gives a usable result with
 * {@link ParsedMessage#defects()} saying what was worked around. It is thread-safe.
 */
public final class MessageParser {

    private static final Logger log = LoggerFactory.getLogger(MessageParser.class);

    private final ParserOptions options;

    public MessageParser() {
        this(ParserOptions.defaults());
    }

    public MessageParser(ParserOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public ParsedMessage parse(byte[] raw) {
        Objects.requireNonNull(raw, "raw");
        try {
            return parseOrFail(raw);
        } catch (RuntimeException | StackOverflowError e) {
            log.warn("message of {} octets could not be parsed, stored as one text body: {}", raw.length, e.toString());
            return fallback(raw);
        }
    }

    private ParsedMessage parseOrFail(byte[] raw) {
        StructureScanner scanner = new StructureScanner(raw, options);
        StructureScanner.ScannedMessage top = scanner.message(0, raw.length, 0);
        List<ParseDefect> defects = new ArrayList<>();
        if (!top.header().hasSeparator()) {
            defects.add(ParseDefect.MISSING_HEADER_SEPARATOR);
        }
        defects.addAll(scanner.defects());

        OffsetDateTime date = DateHeader.parse(top.envelope().date());
        SearchTextExtractor extractor = new SearchTextExtractor(raw, options.searchTextLimit());
        extractor.add(top.root());
        return new ParsedMessage(
                raw.length,
                top.envelope(),
                top.root(),
                date == null ? null : date.toInstant(),
                date == null ? null : date.toLocalDate(),
                MessageIds.first(top.envelope().messageId()),
                Attachments.any(top.root()),
                SearchHeadersBuilder.of(top.envelope()),
                extractor.buffer().text(),
                extractor.buffer().truncated(),
                defects);
    }

    /** The whole message as one opaque text body: still servable by offsets, still a valid BODYSTRUCTURE. */
    private static ParsedMessage fallback(byte[] raw) {
        BodyPart body = new BodyPart("text", "plain", List.of(new Parameter("charset", "us-ascii")), null, null,
                "7bit", raw.length, Octets.countLines(raw, 0, raw.length), null, null, List.of(), null, List.of(),
                null, 0, 0, raw.length);
        return new ParsedMessage(raw.length, Envelope.EMPTY, body, null, null, null, false, SearchHeaders.EMPTY, "",
                false, List.of(ParseDefect.INTERNAL_ERROR));
    }
}
