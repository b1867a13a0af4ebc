package org.mailplatform.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the octets of an IMAP BODY[section] (RFC 3501 6.4.5, RFC 9051 6.4.5) in the raw message,
 * from the offsets of a {@link ParsedMessage}. Pure: it reads the raw message only to filter the
 * fields of HEADER.FIELDS, and then only the header section concerned.
 *
 * <p>Part numbering: the parts of a multipart are numbered from 1; a message that is not
 * multipart has one part, 1, its body; the parts of a message/rfc822 part are those of the
 * embedded message. HEADER, HEADER.FIELDS(.NOT) and TEXT apply to the message itself or, with
 * a part number, to a message/rfc822 part's embedded message; MIME to any part's own header.
 */
public final class SectionLocator {

    private SectionLocator() {
    }

    /**
     * The part a path addresses: the root entity for an empty path; empty when out of range.
     * For BINARY[section] (RFC 3516) the gateway decodes this part's body.
     */
    public static Optional<BodyPart> part(ParsedMessage message, List<Integer> path) {
        if (path.isEmpty()) {
            return Optional.of(message.body());
        }
        List<BodyPart> level = partsOfMessage(message.body());
        BodyPart current = null;
        for (int number : path) {
            if (number < 1 || number > level.size()) {
                return Optional.empty();
            }
            current = level.get(number - 1);
            level = current.multipart() ? current.parts()
                    : current.embedsMessage() ? partsOfMessage(current.message().body())
                    : List.of();
        }
        return Optional.of(current);
    }

    public static SectionContent locate(ParsedMessage message, SectionSpec section, RawBytes raw) {
        BodyPart messageRoot;
        if (section.part().isEmpty()) {
            if (section.text() == SectionSpec.Text.NONE) {
                return SectionContent.of(0, message.size());
            }
            messageRoot = message.body();
        } else {
            BodyPart part = part(message, section.part()).orElse(null);
            if (part == null) {
                return SectionContent.NOT_FOUND;
            }
            switch (section.text()) {
                case NONE:
                    return SectionContent.of(part.bodyStart(), part.bodyEnd());
                case MIME:
                    return SectionContent.of(part.headerStart(), part.bodyStart());
                default:
                    break;
            }
            if (!part.embedsMessage()) {
                // RFC 3501 6.4.5: HEADER, HEADER.FIELDS and TEXT with a part number are only for message/rfc822 parts
                return SectionContent.NOT_FOUND;
            }
            messageRoot = part.message().body();
        }
        return switch (section.text()) {
            case HEADER -> SectionContent.of(messageRoot.headerStart(), messageRoot.bodyStart());
            case TEXT -> SectionContent.of(messageRoot.bodyStart(), messageRoot.bodyEnd());
            case HEADER_FIELDS -> headerFields(messageRoot, section.fields(), false, raw);
            case HEADER_FIELDS_NOT -> headerFields(messageRoot, section.fields(), true, raw);
            case NONE, MIME -> throw new IllegalStateException("handled above");
        };
    }

    /** A message's parts: a multipart's body parts, else its one body. */
    private static List<BodyPart> partsOfMessage(BodyPart root) {
        return root.multipart() ? root.parts() : List.of(root);
    }

    /**
     * RFC 3501 6.4.5: the matching fields, in message order, each with its continuation lines,
     * then the empty line that ends the header (unless the message has none). Field names
     * match case-insensitively but otherwise exactly.
     */
    private static SectionContent headerFields(BodyPart messageRoot, List<String> names, boolean not, RawBytes raw) {
        long base = messageRoot.headerStart();
        byte[] header = raw.read(base, messageRoot.bodyStart());
        HeaderBlock block = HeaderScanner.scan(header, 0, header.length);
        Set<String> wanted = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<ByteRange> ranges = new ArrayList<>();
        for (HeaderField field : block.fields()) {
            if (wanted.contains(field.name().toLowerCase(Locale.ROOT)) != not) {
                ranges.add(new ByteRange(base + field.start(), base + field.end()));
            }
        }
        if (block.hasSeparator()) {
            ranges.add(new ByteRange(base + block.blankLineStart(), base + block.bodyStart()));
        }
        return new SectionContent(true, ranges);
    }
}
