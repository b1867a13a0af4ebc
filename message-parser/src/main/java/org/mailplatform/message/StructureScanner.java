package org.mailplatform.message;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the MIME tree of a message straight from the raw bytes, recording where every entity's
 * header and body lie. Nothing is copied or decoded: each level only scans its own byte range
 * for its delimiter lines, so memory stays at the size of the tree whatever the message size.
 * Bodies of multiparts are split at their delimiters (RFC 2046 5.1.1), message/rfc822 bodies
 * (RFC 2046 5.2.1) are parsed as messages.
 */
final class StructureScanner {

    /** A message (top-level or embedded): its header, ENVELOPE and root entity. */
    record ScannedMessage(HeaderBlock header, Envelope envelope, BodyPart root) {
    }

    private final byte[] raw;
    private final ParserOptions options;
    private final Set<ParseDefect> defects = new LinkedHashSet<>();
    private int partCount;

    StructureScanner(byte[] raw, ParserOptions options) {
        this.raw = raw;
        this.options = options;
    }

    Set<ParseDefect> defects() {
        return defects;
    }

    ScannedMessage message(int from, int to, int depth) {
        HeaderBlock header = scanHeader(from, to);
        Envelope envelope = EnvelopeReader.read(raw, header);
        return new ScannedMessage(header, envelope, entity(header, to, depth, MediaDefault.TEXT_PLAIN));
    }

    private HeaderBlock scanHeader(int from, int to) {
        HeaderBlock header = HeaderScanner.scan(raw, from, to);
        if (header.junkLines() > 0) {
            defects.add(ParseDefect.INVALID_HEADER_LINE);
        }
        if (!Octets.isAscii(raw, from, header.bodyStart()) && !defects.contains(ParseDefect.EIGHT_BIT_HEADER)) {
            defects.add(ParseDefect.EIGHT_BIT_HEADER);
        }
        return header;
    }

    private BodyPart entity(HeaderBlock header, int end, int depth, MediaDefault fallback) {
        MimeHeaders mime = MimeHeaders.read(raw, header, fallback, defects::add);
        int bodyStart = header.bodyStart();
        if (mime.isMultipart()) {
            if (depth >= options.maxNestingDepth()) {
                defects.add(ParseDefect.NESTING_TOO_DEEP);
                return part(mime.asOpaque(), header, end, List.of(), null);
            }
            MediaDefault childDefault = mime.subtype().equals("digest") ? MediaDefault.MESSAGE_RFC822 : MediaDefault.TEXT_PLAIN;
            List<BodyPart> children = children(bodyStart, end, mime.boundaryOctets(), depth + 1, childDefault);
            if (children.isEmpty()) {
                defects.add(ParseDefect.MULTIPART_WITHOUT_PARTS);
                children = List.of(emptyTextPart(end));
            }
            return part(mime, header, end, children, null);
        }
        if (mime.isMessage()) {
            if (!mime.identityEncoded()) {
                // RFC 2046 5.2.1: no encoding but 7bit, 8bit or binary is permitted for message/rfc822;
                // an encoded one can't be sliced as a message, and clients expect an envelope after MESSAGE/RFC822
                defects.add(ParseDefect.ENCODED_MESSAGE_PART);
                return part(mime.asOpaque(), header, end, List.of(), null);
            }
            if (depth >= options.maxNestingDepth()) {
                defects.add(ParseDefect.NESTING_TOO_DEEP);
                return part(mime.asOpaque(), header, end, List.of(), null);
            }
            ScannedMessage inner = message(bodyStart, end, depth + 1);
            return part(mime, header, end, List.of(), new EmbeddedMessage(inner.envelope(), inner.root()));
        }
        return part(mime, header, end, List.of(), null);
    }

    private List<BodyPart> children(int from, int to, byte[] boundary, int depth, MediaDefault childDefault) {
        List<BoundaryScanner.Delimiter> delimiters = BoundaryScanner.find(raw, from, to, boundary);
        List<BodyPart> children = new ArrayList<>();
        for (int i = 0; i < delimiters.size(); i++) {
            BoundaryScanner.Delimiter delimiter = delimiters.get(i);
            if (delimiter.close()) {
                break;
            }
            if (partCount >= options.maxParts()) {
                defects.add(ParseDefect.TOO_MANY_PARTS);
                break;
            }
            partCount++;
            int partStart = delimiter.lineEnd();
            int partEnd;
            if (i + 1 < delimiters.size()) {
                partEnd = BoundaryScanner.contentEnd(raw, delimiters.get(i + 1).lineStart(), partStart);
            } else {
                defects.add(ParseDefect.MISSING_CLOSE_DELIMITER);
                partEnd = to;
            }
            children.add(entity(scanHeader(partStart, partEnd), partEnd, depth, childDefault));
        }
        return children;
    }

    private BodyPart part(MimeHeaders mime, HeaderBlock header, int end, List<BodyPart> children, EmbeddedMessage message) {
        int bodyStart = header.bodyStart();
        return new BodyPart(mime.type(), mime.subtype(), mime.parameters(), mime.id(), mime.description(),
                mime.encoding(), end - bodyStart, Octets.countLines(raw, bodyStart, end), mime.md5(),
                mime.disposition(), mime.language(), mime.location(), children, message,
                header.start(), bodyStart, end);
    }

    /** What RFC 3501 body-type-mpart needs at least: one (here empty) body part. */
    private static BodyPart emptyTextPart(int at) {
        return new BodyPart("text", "plain", List.of(new Parameter("charset", "us-ascii")), null, null, "7bit",
                0, 0, null, null, List.of(), null, List.of(), null, at, at, at);
    }
}
