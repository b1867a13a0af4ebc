package org.mailplatform.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The delivery-time parse on arbitrary bytes: it never needs its whole-message fallback (which would
 * hide a parser bug behind a text/plain body), every offset it records lies inside the message and in
 * order, and the stored JSON form reads back to the same result.
 */
class MessageParserFuzzTest {

    private static final MessageParser PARSER = new MessageParser();

    @FuzzTest(maxDuration = "10s")
    void anyBytesParseWithinTheirBounds(byte[] raw) {
        ParsedMessage parsed = PARSER.parse(raw);

        assertThat(parsed.defects()).doesNotContain(ParseDefect.INTERNAL_ERROR);
        assertThat(parsed.size()).isEqualTo(raw.length);
        assertWithin(parsed.body(), 0, raw.length);
        assertThat(ParsedMessageJson.fromJson(ParsedMessageJson.toJson(parsed))).isEqualTo(parsed);
    }

    private static void assertWithin(BodyPart part, long start, long end) {
        assertThat(part.headerStart()).isBetween(start, end);
        assertThat(part.bodyStart()).isBetween(part.headerStart(), end);
        assertThat(part.bodyEnd()).isBetween(part.bodyStart(), end);
        assertThat(part.size()).isEqualTo(part.bodyEnd() - part.bodyStart());
        assertThat(part.lines()).isBetween(0L, part.size() + 1);
        long previousEnd = part.bodyStart();
        for (BodyPart child : part.parts()) {
            assertWithin(child, part.bodyStart(), part.bodyEnd());
            assertThat(child.headerStart()).isGreaterThanOrEqualTo(previousEnd);
            previousEnd = child.bodyEnd();
        }
        if (part.message() != null) {
            assertWithin(part.message().body(), part.bodyStart(), part.bodyEnd());
        }
    }
}
