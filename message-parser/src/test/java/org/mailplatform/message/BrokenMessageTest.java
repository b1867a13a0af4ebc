package org.mailplatform.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.message.Fixtures.body;
import static org.mailplatform.message.Fixtures.crlf;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BrokenMessageTest {

    private final MessageParser parser = new MessageParser();

    private ParsedMessage parse(byte[] raw) {
        ParsedMessage message = parser.parse(raw);
        Invariants.check(message);
        assertThat(ParsedMessageJson.fromJson(ParsedMessageJson.toJson(message))).isEqualTo(message);
        return message;
    }

    @Test
    void multipartWithoutCloseDelimiterKeepsItsParts() {
        byte[] raw = crlf("""
                Subject: truncated
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                first
                --b
                Content-Type: text/plain

                second, cut off here""");
        ParsedMessage message = parse(raw);

        assertThat(message.body().parts()).hasSize(2);
        assertThat(body(raw, message.body().parts().get(0))).isEqualTo("first");
        assertThat(body(raw, message.body().parts().get(1))).isEqualTo("second, cut off here");
        assertThat(message.defects()).contains(ParseDefect.MISSING_CLOSE_DELIMITER);
        assertThat(message.searchText()).contains("first", "second, cut off here");
    }

    @Test
    void innerMultipartCutByTheOuterBoundary() {
        byte[] raw = crlf("""
                Content-Type: multipart/mixed; boundary=outer

                --outer
                Content-Type: multipart/alternative; boundary=inner

                --inner
                Content-Type: text/plain

                inner text without close
                --outer
                Content-Type: text/plain

                after
                --outer--
                """);
        ParsedMessage message = parse(raw);

        assertThat(message.body().parts()).hasSize(2);
        BodyPart inner = message.body().parts().get(0);
        assertThat(body(raw, inner.parts().get(0))).isEqualTo("inner text without close");
        assertThat(body(raw, message.body().parts().get(1))).isEqualTo("after");
    }

    @Test
    void boundaryThatPrefixesAnotherLineIsNotADelimiter() {
        byte[] raw = crlf("""
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                --bb is not a delimiter
                --b--
                """);

        assertThat(body(raw, parse(raw).body().parts().get(0))).isEqualTo("--bb is not a delimiter");
    }

    @Test
    void multipartWithoutBoundaryIsText() {
        ParsedMessage message = parse(crlf("Content-Type: multipart/mixed\n\n--x\nhello\n--x--\n"));

        assertThat(message.body().mimeType()).isEqualTo("text/plain");
        assertThat(message.defects()).contains(ParseDefect.MULTIPART_WITHOUT_BOUNDARY);
        assertThat(message.searchText()).contains("hello");
    }

    @Test
    void multipartWithoutAnyPartGetsOneEmptyTextPart() {
        ParsedMessage message = parse(crlf("Content-Type: multipart/mixed; boundary=zzz\n\nno delimiters at all\n"));

        assertThat(message.body().parts()).singleElement().satisfies(part -> {
            assertThat(part.mimeType()).isEqualTo("text/plain");
            assertThat(part.size()).isZero();
        });
        assertThat(message.defects()).contains(ParseDefect.MULTIPART_WITHOUT_PARTS);
    }

    @Test
    void invalidContentTypeIsTextPlain() {
        ParsedMessage message = parse(crlf("Content-Type: garbage; charset=utf-8\n\nx\n"));

        // RFC 2045 5.2
        assertThat(message.body().mimeType()).isEqualTo("text/plain");
        assertThat(message.body().parameters()).containsExactly(new Parameter("charset", "us-ascii"));
        assertThat(message.defects()).contains(ParseDefect.INVALID_CONTENT_TYPE);
    }

    @Test
    void eightBitGarbageInHeaders() {
        byte[] raw = concat("Subject: caf".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xE9, (byte) 0xFF, (byte) 0xFE, '\r', '\n', (byte) 0x80, (byte) 0x81, ':', ' ', 'x', '\r', '\n'},
                "From: J\u00f6rg <j@example.com>\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8));
        ParsedMessage message = parse(raw);

        assertThat(message.envelope().subject()).startsWith("caf\u00e9");
        assertThat(message.envelope().from()).containsExactly(Address.of("Jörg", null, "j", "example.com"));
        assertThat(message.defects()).contains(ParseDefect.EIGHT_BIT_HEADER, ParseDefect.INVALID_HEADER_LINE);
        assertThat(body(raw, message.body())).isEqualTo("body\r\n");
    }

    @Test
    void messageWithoutBlankLineIsAllHeader() {
        byte[] raw = crlf("Subject: no separator\nFrom: a@example.com");
        ParsedMessage message = parse(raw);

        assertThat(message.envelope().subject()).isEqualTo("no separator");
        assertThat(message.envelope().from()).containsExactly(Address.of(null, null, "a", "example.com"));
        assertThat(message.body().bodyStart()).isEqualTo(raw.length);
        assertThat(message.body().size()).isZero();
        assertThat(message.defects()).contains(ParseDefect.MISSING_HEADER_SEPARATOR);
    }

    @Test
    void emptyMessage() {
        ParsedMessage message = parse(new byte[0]);

        assertThat(message.size()).isZero();
        assertThat(message.envelope()).isEqualTo(Envelope.EMPTY);
        assertThat(message.body().mimeType()).isEqualTo("text/plain");
        assertThat(message.body().size()).isZero();
        assertThat(message.body().lines()).isZero();
        assertThat(message.searchText()).isEmpty();
        assertThat(SectionLocator.locate(message, SectionSpec.parse("TEXT"), RawBytes.of(new byte[0])).length()).isZero();
        assertThat(SectionLocator.locate(message, SectionSpec.parse("HEADER.FIELDS (Subject)"), RawBytes.of(new byte[0])).length()).isZero();
    }

    @Test
    void bodyWithoutHeader() {
        byte[] raw = crlf("\nJust a body.\n");
        ParsedMessage message = parse(raw);

        assertThat(body(raw, message.body())).isEqualTo("Just a body.\r\n");
        assertThat(message.searchText()).isEqualTo("Just a body.");
        assertThat(message.defects()).isEmpty();
    }

    @Test
    void base64MessageRfc822IsOpaque() {
        ParsedMessage message = parse(crlf("""
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: message/rfc822
                Content-Transfer-Encoding: base64

                U3ViamVjdDogeAoKeQo=
                --b--
                """));

        BodyPart part = message.body().parts().get(0);
        assertThat(part.mimeType()).isEqualTo("application/octet-stream");
        assertThat(part.encoding()).isEqualTo("base64");
        assertThat(part.embedsMessage()).isFalse();
        assertThat(message.defects()).contains(ParseDefect.ENCODED_MESSAGE_PART);
    }

    @Test
    void deepNestingIsCutOff() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            text.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\n\n--b").append(i).append('\n');
        }
        text.append("Content-Type: text/plain\n\ndeep\n");
        ParsedMessage message = parse(crlf(text.toString()));

        assertThat(message.defects()).contains(ParseDefect.NESTING_TOO_DEEP, ParseDefect.MISSING_CLOSE_DELIMITER);
        int depth = 0;
        BodyPart part = message.body();
        while (part.multipart()) {
            part = part.parts().getFirst();
            depth++;
        }
        assertThat(depth).isEqualTo(ParserOptions.DEFAULT_MAX_NESTING_DEPTH);
        assertThat(part.mimeType()).isEqualTo("application/octet-stream");
    }

    @Test
    void deeplyNestedMessagesAreCutOffToo() {
        String text = "Content-Type: message/rfc822\n\n".repeat(500) + "Subject: bottom\n\nx\n";

        assertThat(parse(crlf(text)).defects()).contains(ParseDefect.NESTING_TOO_DEEP);
    }

    @Test
    void partCountIsLimited() {
        MessageParser limited = new MessageParser(new ParserOptions(1000, 10, 3));
        ParsedMessage message = limited.parse(crlf("Content-Type: multipart/mixed; boundary=b\n\n"
                + "--b\n\none\n".repeat(10) + "--b--\n"));

        assertThat(message.body().parts()).hasSize(3);
        assertThat(message.defects()).contains(ParseDefect.TOO_MANY_PARTS);
    }

    @Test
    void everyTruncationOfAMultipartMessageParses() {
        byte[] whole = crlf(Fixtures.FORWARD);
        IntStream.rangeClosed(0, whole.length).forEach(length -> {
            byte[] raw = java.util.Arrays.copyOf(whole, length);
            ParsedMessage message = parser.parse(raw);
            Invariants.check(message);
        });
    }

    @Test
    void randomGarbageNeverBreaksTheParser() {
        Random random = new Random(20240501);
        byte[] alphabet = crlf("\n-:;=\"<>@,()[]\\ \tab--b\nContent-Type: multipart/mixed; boundary=b\n\nmessage/rfc822\n");
        for (int round = 0; round < 500; round++) {
            byte[] raw = new byte[random.nextInt(600)];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            parse(raw);
        }
    }

    @Test
    void randomlyCorruptedFixturesStillParse() {
        Random random = new Random(7);
        for (String fixture : new String[] {Fixtures.MIXED, Fixtures.FORWARD, Fixtures.EXTENSION_FIELDS}) {
            byte[] original = crlf(fixture);
            for (int round = 0; round < 200; round++) {
                byte[] raw = original.clone();
                for (int flips = random.nextInt(20); flips >= 0; flips--) {
                    raw[random.nextInt(raw.length)] = (byte) random.nextInt(256);
                }
                parse(raw);
            }
        }
    }

    private static byte[] concat(byte[]... pieces) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] piece : pieces) {
            out.writeBytes(piece);
        }
        return out.toByteArray();
    }
}
