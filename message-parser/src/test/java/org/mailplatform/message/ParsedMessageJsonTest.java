package org.mailplatform.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ParsedMessageJsonTest {

    private final MessageParser parser = new MessageParser();

    static Stream<String> fixtures() {
        return Stream.of(Fixtures.SIMPLE, Fixtures.MIXED, Fixtures.FORWARD, Fixtures.EXTENSION_FIELDS, Fixtures.RFC822_BODY,
                "", "Subject: no blank line", "Cc: group:;\n\n");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void roundTripsToAnEqualMessage(String fixture) {
        ParsedMessage message = parser.parse(Fixtures.crlf(fixture));

        String json = ParsedMessageJson.toJson(message);

        assertThat(ParsedMessageJson.fromJson(json)).isEqualTo(message);
        assertThat(ParsedMessageJson.versionOf(json)).isEqualTo(ParsedMessageJson.CURRENT_VERSION);
    }

    @Test
    void documentShape() {
        String json = ParsedMessageJson.toJson(parser.parse(Fixtures.crlf(Fixtures.SIMPLE)));

        assertThat(json).startsWith("{\"version\":1,\"message\":{")
                .contains("\"sentAt\":\"2010-12-14T10:30:36Z\"", "\"sentDay\":\"2010-12-14\"", "\"bodyStart\":")
                // nulls are left out, helper methods are not properties
                .doesNotContain("null", "mimeType", "multipart\"", "filename", "addrSpec", "asText");
    }

    @Test
    void otherVersionsAreRefused() {
        String json = ParsedMessageJson.toJson(parser.parse(Fixtures.crlf(Fixtures.SIMPLE))).replace("\"version\":1", "\"version\":99");

        assertThatThrownBy(() -> ParsedMessageJson.fromJson(json))
                .isInstanceOfSatisfying(ParsedMessageJson.UnsupportedVersionException.class, e -> assertThat(e.version()).isEqualTo(99));
        assertThat(ParsedMessageJson.versionOf(json)).isEqualTo(99);
    }

    @Test
    void unknownPropertiesAreIgnored() {
        String json = ParsedMessageJson.toJson(parser.parse(Fixtures.crlf(Fixtures.SIMPLE)))
                .replace("\"message\":{", "\"message\":{\"addedLater\":true,");

        assertThat(ParsedMessageJson.fromJson(json).envelope().subject()).isEqualTo("Lunch");
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> ParsedMessageJson.fromJson("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParsedMessageJson.fromJson("{\"version\":1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParsedMessageJson.fromJson("{\"version\":1,\"message\":{\"size\":3}}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ParsedMessageJson.versionOf("[]")).isEqualTo(-1);
    }
}
