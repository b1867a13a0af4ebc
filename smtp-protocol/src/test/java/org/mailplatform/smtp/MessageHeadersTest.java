package org.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MessageHeadersTest {

    @Test
    void firstUnfoldsTheFieldAndIgnoresTheBody() {
        MessageHeaders headers = headers("Received: from a\r\n\tby b\r\nMESSAGE-ID :\r\n <x.1@example.test>\r\n"
                + "Message-ID: <second@example.test>\r\nSubject: s\r\n\r\nMessage-ID: <in-body@example.test>\r\n");

        assertThat(headers.first("Message-ID")).isEqualTo("<x.1@example.test>");
        assertThat(headers.first("Received")).isEqualTo("from a\tby b");
        assertThat(headers.first("Subject")).isEqualTo("s");
        assertThat(headers.first("Date")).isNull();
    }

    @Test
    void aFieldOnTheLastLineWithoutALineEndIsRead() {
        assertThat(headers("Subject: a\r\nMessage-ID: <last@example.test>").first("Message-ID"))
                .isEqualTo("<last@example.test>");
        assertThat(headers("").first("Message-ID")).isNull();
    }

    private static MessageHeaders headers(String text) {
        return new MessageHeaders(text.getBytes(StandardCharsets.UTF_8));
    }
}
