package org.mailplatform.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.message.Fixtures.crlf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SectionLocatorTest {

    private static final MessageParser PARSER = new MessageParser();

    private static final String MIXED_HEADER = """
            From: "Doe, John" <john@example.com>
            To: Mary <mary@example.org>, bob@example.net
            Cc: =?utf-8?q?J=C3=B6rg?= <joerg@example.de>
            Subject: Quarterly report
            Date: Tue, 14 Dec 2010 11:30:36 +0100
            Message-ID: <mixed@example.com>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            """;

    static Stream<Arguments> sections() {
        return Stream.of(
                // section, fixture, expected octets (LF written, CRLF compared), or null for not found
                Arguments.of("", Fixtures.MIXED, Fixtures.MIXED),
                Arguments.of("HEADER", Fixtures.MIXED, MIXED_HEADER),
                Arguments.of("HEADER.FIELDS (Subject From)", Fixtures.MIXED,
                        "From: \"Doe, John\" <john@example.com>\nSubject: Quarterly report\n\n"),
                Arguments.of("HEADER.FIELDS (subject X-Absent)", Fixtures.MIXED, "Subject: Quarterly report\n\n"),
                Arguments.of("HEADER.FIELDS.NOT (Subject From Cc Date Message-ID MIME-Version Content-Type)", Fixtures.MIXED,
                        "To: Mary <mary@example.org>, bob@example.net\n\n"),
                Arguments.of("TEXT", Fixtures.MIXED, Fixtures.MIXED.substring(MIXED_HEADER.length())),
                Arguments.of("1", Fixtures.MIXED, """
                        --inner
                        Content-Type: text/plain; charset=utf-8
                        Content-Transfer-Encoding: quoted-printable

                        Hello J=C3=B6rg,
                        the report is attached.
                        --inner
                        Content-Type: text/html; charset=utf-8

                        <p>Hello J&ouml;rg, the <b>report</b> is attached.</p>
                        --inner--"""),
                Arguments.of("1.1", Fixtures.MIXED, "Hello J=C3=B6rg,\nthe report is attached."),
                Arguments.of("1.2", Fixtures.MIXED, "<p>Hello J&ouml;rg, the <b>report</b> is attached.</p>"),
                Arguments.of("1.MIME", Fixtures.MIXED, "Content-Type: multipart/alternative; boundary=inner\n\n"),
                Arguments.of("2", Fixtures.MIXED,
                        "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K\nZW5kc3RyZWFtCmVuZG9iago="),
                Arguments.of("2.MIME", Fixtures.MIXED, """
                        Content-Type: application/pdf; name="report.pdf"
                        Content-Transfer-Encoding: base64
                        Content-Disposition: attachment; filename="report.pdf"

                        """),
                Arguments.of("3", Fixtures.MIXED, null),
                Arguments.of("1.3", Fixtures.MIXED, null),
                Arguments.of("2.1", Fixtures.MIXED, null),
                Arguments.of("2.HEADER", Fixtures.MIXED, null),
                Arguments.of("2.TEXT", Fixtures.MIXED, null),

                Arguments.of("3", Fixtures.FORWARD, """
                        From: Carol <carol@example.com>
                        To: Ann <ann@example.com>
                        Subject: Inner
                        Date: Sun, 12 Aug 2012 12:34:56 +0300
                        Content-Type: multipart/alternative; boundary=b2

                        --b2
                        Content-Type: text/plain

                        Inner text
                        --b2
                        Content-Type: text/html

                        <b>Inner</b> html
                        --b2--"""),
                Arguments.of("3.MIME", Fixtures.FORWARD, "Content-Type: message/rfc822\nContent-Description: forwarded message\n\n"),
                Arguments.of("3.HEADER", Fixtures.FORWARD, """
                        From: Carol <carol@example.com>
                        To: Ann <ann@example.com>
                        Subject: Inner
                        Date: Sun, 12 Aug 2012 12:34:56 +0300
                        Content-Type: multipart/alternative; boundary=b2

                        """),
                Arguments.of("3.HEADER.FIELDS (SUBJECT)", Fixtures.FORWARD, "Subject: Inner\n\n"),
                Arguments.of("3.TEXT", Fixtures.FORWARD, """
                        --b2
                        Content-Type: text/plain

                        Inner text
                        --b2
                        Content-Type: text/html

                        <b>Inner</b> html
                        --b2--"""),
                Arguments.of("3.1", Fixtures.FORWARD, "Inner text"),
                Arguments.of("3.1.MIME", Fixtures.FORWARD, "Content-Type: text/plain\n\n"),
                Arguments.of("3.2", Fixtures.FORWARD, "<b>Inner</b> html"),
                Arguments.of("3.3", Fixtures.FORWARD, null),
                Arguments.of("3.1.1", Fixtures.FORWARD, null),
                Arguments.of("1.HEADER", Fixtures.FORWARD, null),
                Arguments.of("4", Fixtures.FORWARD, null),

                // RFC 3501 6.4.5: a non-multipart message has one part, its body
                Arguments.of("1", Fixtures.SIMPLE, "Shall we meet at noon?\nAlice\n"),
                Arguments.of("TEXT", Fixtures.SIMPLE, "Shall we meet at noon?\nAlice\n"),
                Arguments.of("1.MIME", Fixtures.SIMPLE, Fixtures.SIMPLE.substring(0, Fixtures.SIMPLE.indexOf("\n\n") + 2)),
                Arguments.of("2", Fixtures.SIMPLE, null),
                Arguments.of("1.1", Fixtures.SIMPLE, null),
                Arguments.of("1.HEADER", Fixtures.SIMPLE, null),

                // a message/rfc822 body: part 1 is the embedded message, 1.1 its body
                Arguments.of("1", Fixtures.RFC822_BODY, "From: inner@example.com\nSubject: original\n\noriginal text\n"),
                Arguments.of("1.HEADER", Fixtures.RFC822_BODY, "From: inner@example.com\nSubject: original\n\n"),
                Arguments.of("1.TEXT", Fixtures.RFC822_BODY, "original text\n"),
                Arguments.of("1.1", Fixtures.RFC822_BODY, "original text\n"),
                Arguments.of("1.2", Fixtures.RFC822_BODY, null));
    }

    @ParameterizedTest(name = "BODY[{0}]")
    @MethodSource("sections")
    void locates(String section, String fixture, String expected) {
        byte[] raw = crlf(fixture);
        ParsedMessage message = PARSER.parse(raw);

        SectionContent content = SectionLocator.locate(message, SectionSpec.parse(section), RawBytes.of(raw));

        if (expected == null) {
            assertThat(content.found()).isFalse();
            assertThat(content.ranges()).isEmpty();
        } else {
            assertThat(content.found()).isTrue();
            assertThat(new String(content.bytes(raw), StandardCharsets.UTF_8)).isEqualTo(new String(crlf(expected), StandardCharsets.UTF_8));
            assertThat(content.length()).isEqualTo(crlf(expected).length);
        }
    }

    @Test
    void headerFieldsKeepFoldedLinesAndMessageOrder() {
        byte[] raw = crlf("""
                Received: from a
                 by b; Tue, 14 Dec 2010 11:30:36 +0100
                Subject: folded
                 subject
                X-Other: 1
                received: from c

                body
                """);
        ParsedMessage message = PARSER.parse(raw);

        SectionContent content = SectionLocator.locate(message, SectionSpec.parse("HEADER.FIELDS (Subject Received)"), RawBytes.of(raw));

        assertThat(new String(content.bytes(raw), StandardCharsets.US_ASCII)).isEqualTo(new String(crlf("""
                Received: from a
                 by b; Tue, 14 Dec 2010 11:30:36 +0100
                Subject: folded
                 subject
                received: from c

                """), StandardCharsets.US_ASCII));
        // the three adjacent lines merge into one range
        assertThat(content.ranges()).hasSize(2);
    }

    @Test
    void headerFieldsOfAMessageWithoutBlankLineHaveNoTerminator() {
        byte[] raw = crlf("Subject: only header\nFrom: a@example.com\n");
        ParsedMessage message = PARSER.parse(raw);

        SectionContent content = SectionLocator.locate(message, SectionSpec.parse("HEADER.FIELDS (FROM)"), RawBytes.of(raw));

        // RFC 3501 6.4.5: the blank line is included "except in the case of a message which has no body and no blank line"
        assertThat(new String(content.bytes(raw), StandardCharsets.US_ASCII)).isEqualTo("From: a@example.com\r\n");
    }

    @Test
    void headerFieldsReadOnlyTheHeaderSection() {
        byte[] raw = crlf(Fixtures.FORWARD);
        ParsedMessage message = PARSER.parse(raw);
        BodyPart inner = message.body().parts().get(2).message().body();
        long[] asked = new long[2];

        SectionLocator.locate(message, SectionSpec.parse("3.HEADER.FIELDS (Subject)"), (start, end) -> {
            asked[0] = start;
            asked[1] = end;
            return RawBytes.of(raw).read(start, end);
        });

        assertThat(asked).containsExactly(inner.headerStart(), inner.bodyStart());
    }

    @Test
    void partialFetchSlicesAcrossRanges() throws IOException {
        byte[] raw = crlf(Fixtures.MIXED);
        ParsedMessage message = PARSER.parse(raw);
        SectionContent fields = SectionLocator.locate(message, SectionSpec.parse("HEADER.FIELDS (From Subject)"), RawBytes.of(raw));
        String whole = new String(fields.bytes(raw), StandardCharsets.UTF_8);

        // RFC 3501 6.4.5 BODY[...]<origin.octets>
        SectionContent partial = fields.partial(30, 20);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        partial.writeTo(raw, out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(whole.substring(30, 50));
        assertThat(partial.ranges()).hasSize(2);
        assertThat(fields.partial(whole.length() + 5, 10).ranges()).isEmpty();
        assertThat(fields.partial(0, 1_000_000).length()).isEqualTo(whole.length());
    }

    @Test
    void partLookupForBinary() throws IOException {
        byte[] raw = crlf(Fixtures.MIXED);
        ParsedMessage message = PARSER.parse(raw);

        BodyPart pdf = SectionLocator.part(message, List.of(2)).orElseThrow();
        byte[] decoded = PartDecoder.open(raw, pdf).readAllBytes();

        assertThat(new String(decoded, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4");
        assertThat(SectionLocator.part(message, List.of()).orElseThrow()).isSameAs(message.body());
        assertThat(SectionLocator.part(message, List.of(9))).isEmpty();
        assertThat(PartDecoder.knownEncoding("x-uuencode")).isFalse();
        assertThat(PartDecoder.knownEncoding("BASE64")).isTrue();
    }
}
