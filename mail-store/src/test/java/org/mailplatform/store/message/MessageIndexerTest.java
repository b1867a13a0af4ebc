package org.mailplatform.store.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.mailplatform.message.MessageParser;
import org.mailplatform.message.ParsedMessage;
import org.mailplatform.message.ParsedMessageJson;

class MessageIndexerTest {

    private final MessageIndexer indexer = new MessageIndexer(new MessageParser());

    @Test
    void keepsTheBytesAndAddsEnvelopeStructureAndSearchText() {
        byte[] raw = ("From: Sender <sender@remote.example>\r\nTo: someone@example.test\r\n"
                + "Subject: Quarterly figures\r\nDate: Thu, 26 Nov 2026 09:15:30 +0000\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nHello, this is the report.\r\n")
                .getBytes(StandardCharsets.UTF_8);

        IncomingMessage indexed = indexer.index(raw);

        assertThat(indexed.content()).isSameAs(raw);
        assertThat(indexed.envelopeJson()).hasValueSatisfying(json -> assertThat(json)
                .startsWith("{").contains("\"subject\":\"Quarterly figures\"").doesNotContain("\"version\""));
        String structure = indexed.bodyStructureJson().orElseThrow();
        assertThat(ParsedMessageJson.versionOf(structure)).isEqualTo(ParsedMessageJson.CURRENT_VERSION);
        ParsedMessage parsed = ParsedMessageJson.fromJson(structure);
        assertThat(parsed.envelope().subject()).isEqualTo("Quarterly figures");
        assertThat(parsed.body().mimeType()).isEqualTo("text/plain");
        // The search text is indexed by the store; the stored document does not carry it twice.
        assertThat(parsed.searchText()).isEmpty();
        assertThat(indexed.searchText()).hasValueSatisfying(text -> assertThat(text)
                .contains("Quarterly figures", "sender@remote.example", "Hello, this is"));
    }

    @Test
    void brokenMessagesStillIndexAndKeepTheirBytes() {
        byte[] raw = "Subject: a\0b\r\nno colon here\r\nContent-Type: multipart/mixed\r\n\r\n--x\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);

        IncomingMessage indexed = indexer.index(raw);

        assertThat(indexed.content()).isEqualTo(raw);
        assertThat(indexed.envelopeJson().orElseThrow()).doesNotContain("\\u0000");
        assertThat(indexed.bodyStructureJson().orElseThrow()).doesNotContain("\\u0000");
    }

    @Test
    void nulEscapesAreReplacedButEscapedBackslashesKept() {
        assertThat(MessageIndexer.jsonbSafe("{\"a\":\"x\\u0000y\"}")).isEqualTo("{\"a\":\"x\\ufffdy\"}");
        assertThat(MessageIndexer.jsonbSafe("{\"a\":\"\\\\\\u0000\"}")).isEqualTo("{\"a\":\"\\\\\\ufffd\"}");
        // A literal backslash followed by the text u0000 is not a NUL.
        assertThat(MessageIndexer.jsonbSafe("{\"a\":\"\\\\u0000\"}")).isEqualTo("{\"a\":\"\\\\u0000\"}");
        assertThat(MessageIndexer.jsonbSafe("{}")).isEqualTo("{}");
    }
}
