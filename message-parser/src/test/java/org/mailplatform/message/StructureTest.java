package org.mailplatform.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.message.Fixtures.body;
import static org.mailplatform.message.Fixtures.crlf;
import static org.mailplatform.message.Fixtures.mimeHeader;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class StructureTest {

    private final MessageParser parser = new MessageParser();

    @Test
    void simpleTextMessageIsOneTextPlainUsAsciiBody() {
        byte[] raw = crlf(Fixtures.SIMPLE);
        ParsedMessage message = parser.parse(raw);
        BodyPart root = message.body();

        assertThat(root.mimeType()).isEqualTo("text/plain");
        assertThat(root.parameters()).containsExactly(new Parameter("charset", "us-ascii"));
        assertThat(root.encoding()).isEqualTo("7bit");
        assertThat(root.headerStart()).isZero();
        assertThat(mimeHeader(raw, root)).startsWith("From: Alice").endsWith("<simple@example.com>\r\n\r\n");
        assertThat(body(raw, root)).isEqualTo("Shall we meet at noon?\r\nAlice\r\n");
        assertThat(root.size()).isEqualTo(31);
        assertThat(root.lines()).isEqualTo(2);
        assertThat(root.bodyEnd()).isEqualTo(raw.length);
        assertThat(message.size()).isEqualTo(raw.length);
        assertThat(message.sentAt()).isEqualTo(Instant.parse("2010-12-14T10:30:36Z"));
        assertThat(message.sentDay()).isEqualTo(LocalDate.of(2010, 12, 14));
        assertThat(message.messageId()).isEqualTo("<simple@example.com>");
        assertThat(message.hasAttachments()).isFalse();
        assertThat(message.defects()).isEmpty();
    }

    @Test
    void multipartMixedWithAlternativeAndAttachment() {
        byte[] raw = crlf(Fixtures.MIXED);
        ParsedMessage message = parser.parse(raw);
        BodyPart root = message.body();

        assertThat(root.mimeType()).isEqualTo("multipart/mixed");
        assertThat(root.parameters()).containsExactly(new Parameter("boundary", "outer"));
        assertThat(root.parts()).hasSize(2);

        BodyPart alternative = root.parts().get(0);
        assertThat(alternative.mimeType()).isEqualTo("multipart/alternative");
        assertThat(alternative.parameters()).containsExactly(new Parameter("boundary", "inner"));
        assertThat(body(raw, alternative)).startsWith("--inner\r\n").endsWith("\r\n--inner--");

        BodyPart plain = alternative.parts().get(0);
        assertThat(plain.mimeType()).isEqualTo("text/plain");
        assertThat(plain.parameters()).containsExactly(new Parameter("charset", "utf-8"));
        assertThat(plain.encoding()).isEqualTo("quoted-printable");
        assertThat(body(raw, plain)).isEqualTo("Hello J=C3=B6rg,\r\nthe report is attached.");
        assertThat(plain.size()).isEqualTo(body(raw, plain).length());
        assertThat(plain.lines()).isEqualTo(2);
        assertThat(mimeHeader(raw, plain))
                .isEqualTo("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");

        BodyPart html = alternative.parts().get(1);
        assertThat(html.mimeType()).isEqualTo("text/html");
        assertThat(html.encoding()).isEqualTo("7bit");
        assertThat(body(raw, html)).isEqualTo("<p>Hello J&ouml;rg, the <b>report</b> is attached.</p>");
        assertThat(html.lines()).isEqualTo(1);

        BodyPart pdf = root.parts().get(1);
        assertThat(pdf.mimeType()).isEqualTo("application/pdf");
        assertThat(pdf.parameters()).containsExactly(new Parameter("name", "report.pdf"));
        assertThat(pdf.encoding()).isEqualTo("base64");
        assertThat(pdf.disposition()).isEqualTo(new Disposition("attachment", List.of(new Parameter("filename", "report.pdf"))));
        assertThat(pdf.filename()).isEqualTo("report.pdf");
        assertThat(body(raw, pdf)).isEqualTo(
                "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K\r\nZW5kc3RyZWFtCmVuZG9iago=");
        assertThat(pdf.size()).isEqualTo(64 + 2 + 24);

        assertThat(message.hasAttachments()).isTrue();
        assertThat(message.defects()).isEmpty();
    }

    @Test
    void extensionDataOfBodyStructure() {
        byte[] raw = crlf(Fixtures.EXTENSION_FIELDS);
        BodyPart root = parser.parse(raw).body();

        // the folded boundary parameter is unfolded: RFC 5322 2.2.3
        assertThat(root.parameters()).containsExactly(new Parameter("boundary", "foo bar"));
        BodyPart first = root.parts().get(0);
        assertThat(first.mimeType()).isEqualTo("text/x-myown");
        assertThat(first.parameters()).containsExactly(
                new Parameter("charset", "us-ascii"), new Parameter("foo", "quoted\"string"));
        assertThat(first.id()).isEqualTo("<foo@example.com>");
        assertThat(first.description()).isEqualTo("hellodescription");
        assertThat(first.md5()).isEqualTo("Q2hlY2sgSW50ZWdyaXR5IQ==");
        assertThat(first.disposition()).isEqualTo(new Disposition("inline", List.of(new Parameter("foo", "bar"))));
        assertThat(first.language()).containsExactly("en", "fi", "se");
        assertThat(first.location()).isEqualTo("http://example.com/test.txt");
        assertThat(body(raw, first)).isEqualTo("hello\r\n");
        assertThat(first.size()).isEqualTo(7);
        assertThat(first.lines()).isEqualTo(1);

        BodyPart image = root.parts().get(1);
        assertThat(image.parameters()).isEmpty();
        assertThat(image.encoding()).isEqualTo("base64");
        // RFC 2231 continuations joined, the encoded form kept for BODYSTRUCTURE
        assertThat(image.disposition().parameters()).containsExactly(new Parameter("filename*", "utf-8''J%C3%B6rg.png"));
        assertThat(image.filename()).isEqualTo("Jörg.png");
    }

    @Test
    void nestedMessageRfc822CarriesEnvelopeAndStructure() {
        byte[] raw = crlf(Fixtures.FORWARD);
        ParsedMessage message = parser.parse(raw);
        BodyPart forwarded = message.body().parts().get(2);

        assertThat(forwarded.mimeType()).isEqualTo("message/rfc822");
        assertThat(forwarded.description()).isEqualTo("forwarded message");
        assertThat(forwarded.embedsMessage()).isTrue();
        assertThat(body(raw, forwarded)).startsWith("From: Carol").endsWith("--b2--");
        assertThat(forwarded.lines()).isEqualTo(15);

        Envelope inner = forwarded.message().envelope();
        assertThat(inner.subject()).isEqualTo("Inner");
        assertThat(inner.date()).isEqualTo("Sun, 12 Aug 2012 12:34:56 +0300");
        assertThat(inner.from()).containsExactly(Address.of("Carol", null, "carol", "example.com"));
        assertThat(inner.sender()).isEqualTo(inner.from());
        assertThat(inner.replyTo()).isEqualTo(inner.from());

        BodyPart innerRoot = forwarded.message().body();
        assertThat(innerRoot.headerStart()).isEqualTo(forwarded.bodyStart());
        assertThat(innerRoot.bodyEnd()).isEqualTo(forwarded.bodyEnd());
        assertThat(innerRoot.mimeType()).isEqualTo("multipart/alternative");
        assertThat(innerRoot.parts()).extracting(BodyPart::mimeType).containsExactly("text/plain", "text/html");
        assertThat(body(raw, innerRoot.parts().get(0))).isEqualTo("Inner text");
        assertThat(body(raw, innerRoot.parts().get(1))).isEqualTo("<b>Inner</b> html");
        assertThat(message.hasAttachments()).isTrue();
    }

    @Test
    void topLevelMessageRfc822Body() {
        byte[] raw = crlf(Fixtures.RFC822_BODY);
        BodyPart root = parser.parse(raw).body();

        assertThat(root.mimeType()).isEqualTo("message/rfc822");
        assertThat(root.message().envelope().subject()).isEqualTo("original");
        assertThat(body(raw, root.message().body())).isEqualTo("original text\r\n");
        assertThat(root.lines()).isEqualTo(4);
    }

    @Test
    void digestPartsDefaultToMessageRfc822() {
        byte[] raw = crlf("""
                Subject: digest
                Content-Type: multipart/digest; boundary=d

                --d

                Subject: one

                first
                --d
                Content-Type: text/plain

                not a message
                --d--
                """);
        BodyPart root = parser.parse(raw).body();

        // RFC 2046 5.1.5
        assertThat(root.parts().get(0).mimeType()).isEqualTo("message/rfc822");
        assertThat(root.parts().get(0).message().envelope().subject()).isEqualTo("one");
        assertThat(root.parts().get(1).mimeType()).isEqualTo("text/plain");
    }

    @Test
    void bareLineFeedsWork() {
        byte[] raw = Fixtures.MIXED.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ParsedMessage message = parser.parse(raw);
        BodyPart plain = message.body().parts().get(0).parts().get(0);

        assertThat(body(raw, plain)).isEqualTo("Hello J=C3=B6rg,\nthe report is attached.");
        assertThat(message.envelope().subject()).isEqualTo("Quarterly report");
        assertThat(message.defects()).isEmpty();
    }

    @Test
    void childrenLieInsideTheirParentsBody() {
        for (String fixture : List.of(Fixtures.MIXED, Fixtures.FORWARD, Fixtures.EXTENSION_FIELDS, Fixtures.RFC822_BODY)) {
            ParsedMessage message = parser.parse(crlf(fixture));
            Invariants.check(message);
        }
    }
}
