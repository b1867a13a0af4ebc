package org.mailplatform.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Collects the text of a message for full-text search: decoded text/* bodies in their charset,
 * HTML reduced to its words, file names of attachments, and the subject and addresses of
 * embedded messages. Of a multipart/alternative only the text/plain alternative is read when
 * there is one (RFC 2046 5.1.4: the alternatives say the same thing). Reading stops at the limit,
 * and no body is decoded beyond what still fits.
 */
final class SearchTextExtractor {

    private final byte[] raw;
    private final SearchTextBuffer buffer;

    SearchTextExtractor(byte[] raw, int limit) {
        this.raw = raw;
        this.buffer = new SearchTextBuffer(limit);
    }

    SearchTextBuffer buffer() {
        return buffer;
    }

    void add(BodyPart part) {
        if (buffer.full()) {
            return;
        }
        if (part.multipart()) {
            BodyPart plain = part.subtype().equals("alternative") ? plainAlternative(part) : null;
            if (plain != null) {
                add(plain);
            } else {
                part.parts().forEach(this::add);
            }
            return;
        }
        if (part.embedsMessage()) {
            buffer.append(SearchHeadersBuilder.of(part.message().envelope()).asText());
            add(part.message().body());
            return;
        }
        buffer.append(part.filename());
        if (part.type().equals("text") && part.size() > 0) {
            buffer.append(text(part));
        }
    }

    private static BodyPart plainAlternative(BodyPart alternative) {
        for (BodyPart candidate : alternative.parts()) {
            if (candidate.mimeType().equals("text/plain")) {
                return candidate;
            }
        }
        return null;
    }

    private String text(BodyPart part) {
        boolean html = part.subtype().equals("html");
        // a char takes at most 4 octets in the charsets mail uses; HTML markup takes more room still
        long maxOctets = (long) buffer.remaining() * (html ? 8 : 4) + 4;
        byte[] octets;
        try (InputStream in = PartDecoder.openLenient(raw, part)) {
            octets = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxOctets));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = TextCharset.decode(octets, octets.length, part.parameter("charset"));
        return html ? HtmlText.toText(text) : text;
    }
}
