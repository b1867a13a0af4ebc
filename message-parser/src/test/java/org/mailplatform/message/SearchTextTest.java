package org.mailplatform.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.message.Fixtures.crlf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SearchTextTest {

    private final MessageParser parser = new MessageParser();

    static Stream<Arguments> singleParts() {
        return Stream.of(
                Arguments.of("quoted-printable utf-8",
                        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nGr=C3=BC=C3=9Fe, J=\n=C3=B6rg\n",
                        "Grüße, Jörg"),
                Arguments.of("base64 text",
                        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\nSGVsbG8gV29ybGQ=\n",
                        "Hello World"),
                Arguments.of("html stripped",
                        "Content-Type: text/html\n\n<html><head><style>p { color: red }</style><script>alert('x')</script></head>"
                                + "<body><p>Fish &amp; chips&nbsp;for&#32;two &#x263A;</p><!-- hidden --></body></html>\n",
                        "Fish & chips for two ☺"),
                Arguments.of("unknown charset falls back to utf-8",
                        "Content-Type: text/plain; charset=x-no-such-charset\n\nJörg\n", "Jörg"),
                Arguments.of("us-ascii label on utf-8 octets", "Content-Type: text/plain; charset=us-ascii\n\nJörg\n", "Jörg"),
                Arguments.of("no content type, utf-8 octets", "Subject: x\n\nJörg\n", "Jörg"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleParts")
    void decodesText(String name, String message, String expected) {
        assertThat(parser.parse(crlf(message)).searchText()).isEqualTo(expected);
    }

    @Test
    void declaredLegacyCharsetIsHonoured() {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes("Content-Type: text/plain; charset=iso-8859-1\r\n\r\ncaf".getBytes(StandardCharsets.US_ASCII));
        raw.write(0xE9);
        raw.writeBytes(" cr\u00e8me".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(parser.parse(raw.toByteArray()).searchText()).isEqualTo("café crème");
    }

    @Test
    void undeclaredLegacyOctetsReadAsWindows1252() {
        byte[] raw = {'S', 'u', 'b', 'j', 'e', 'c', 't', ':', ' ', 'x', '\r', '\n', '\r', '\n', 'c', 'a', 'f', (byte) 0xE9, ' ', (byte) 0x80};

        assertThat(parser.parse(raw).searchText()).isEqualTo("café €");
    }

    @Test
    void alternativeContributesItsPlainTextOnlyAndAttachmentsTheirNames() {
        ParsedMessage message = parser.parse(crlf(Fixtures.MIXED));

        assertThat(message.searchText()).isEqualTo("Hello Jörg,\r\nthe report is attached.\nreport.pdf");
        assertThat(message.searchTextTruncated()).isFalse();
    }

    @Test
    void embeddedMessageContributesItsHeadersAndText() {
        ParsedMessage message = parser.parse(crlf(Fixtures.FORWARD));

        assertThat(message.searchText()).contains("See below.", "Second part.", "Inner", "Carol <carol@example.com>", "Inner text")
                .doesNotContain("<b>");
    }

    @Test
    void htmlOnlyAlternativeIsRead() {
        ParsedMessage message = parser.parse(crlf("""
                Content-Type: multipart/alternative; boundary=a

                --a
                Content-Type: text/html

                <p>only <i>html</i></p>
                --a
                Content-Type: text/enriched

                <bold>rich</bold>
                --a--
                """));

        assertThat(message.searchText()).startsWith("only html");
    }

    @Test
    void searchTextIsCapped() {
        MessageParser small = new MessageParser(ParserOptions.defaults().withSearchTextLimit(100));
        ParsedMessage message = small.parse(crlf("Subject: long\n\n" + "word ".repeat(1000)));

        assertThat(message.searchText()).hasSize(100).startsWith("word word");
        assertThat(message.searchTextTruncated()).isTrue();
    }

    @Test
    void decodedFilenamesAreSearchable() {
        ParsedMessage message = parser.parse(crlf(Fixtures.EXTENSION_FIELDS));

        assertThat(message.searchText()).contains("hello", "Jörg.png");
        assertThat(message.hasAttachments()).isTrue();
    }
}
