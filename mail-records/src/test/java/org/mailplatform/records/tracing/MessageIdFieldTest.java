package org.mailplatform.records.tracing;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIdFieldTest {

    @Test
    void findsTheFieldWhateverItsCase() {
        assertThat(of("From: a@example.test\r\nmessage-ID: <1@example.test>\r\n\r\nbody\r\n")).isEqualTo("<1@example.test>");
    }

    @Test
    void unfoldsAFoldedValueAndAllowsWhiteSpaceBeforeTheColon() {
        // RFC 5322 2.2.3 folding; 3.6.8 / obsolete syntax allows white space before the colon.
        assertThat(of("Message-ID \t:\r\n <2@example.test>\r\nSubject: x\r\n\r\n")).isEqualTo("<2@example.test>");
    }

    @Test
    void aFieldInTheBodyOrAnotherFieldIsNotTheMessageId() {
        assertThat(of("Subject: x\r\nX-Message-ID: <3@example.test>\r\n\r\nMessage-ID: <4@example.test>\r\n")).isNull();
        assertThat(of("Message-IDs: <5@example.test>\r\n\r\n")).isNull();
    }

    @Test
    void noHeaderSectionOrAnEmptyValueIsNull() {
        assertThat(of("")).isNull();
        assertThat(of("Message-ID:   \r\n\r\n")).isNull();
        assertThat(of("Message-ID")).isNull();
    }

    @Test
    void bareLineFeedsEndFieldsToo() {
        assertThat(of("Subject: x\nMessage-ID: <6@example.test>\n\n")).isEqualTo("<6@example.test>");
    }

    private static String of(String message) {
        return MessageIdField.of(message.getBytes(StandardCharsets.ISO_8859_1));
    }
}
