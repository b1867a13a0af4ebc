package org.mailplatform.msa.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

class SubmissionMessageTest {

    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 26, 23, 5, 0, 0, ZoneOffset.UTC);
    static final byte[] RECEIVED = "Received: from x\r\n".getBytes(StandardCharsets.US_ASCII);

    private static String complete(String message) {
        return new String(SubmissionMessage.complete(message.getBytes(StandardCharsets.UTF_8), RECEIVED, "Q1",
                "mail.example.test", NOW), StandardCharsets.UTF_8);
    }

    @Test
    void completeMessageOnlyGetsTheReceivedField() {
        String m = "Date: Thu, 1 Jan 2026 00:00:00 +0000\r\nMessage-ID: <a@b>\r\nSubject: x\r\n\r\nbody\r\n";
        assertThat(complete(m)).isEqualTo("Received: from x\r\n" + m);
    }

    @Test
    void missingDateAndMessageIdAreAddedAtTheEndOfTheHeader() {
        assertThat(complete("Subject: x\r\n\r\nbody\r\n")).isEqualTo(
                "Received: from x\r\nSubject: x\r\nDate: Thu, 26 Nov 2026 23:05:00 +0000\r\n"
                        + "Message-ID: <Q1@mail.example.test>\r\n\r\nbody\r\n");
    }

    @Test
    void fieldNamesMatchCaseInsensitively() {
        String m = "DATE: Thu, 1 Jan 2026 00:00:00 +0000\r\nmessage-id: <a@b>\r\n\r\n";
        assertThat(complete(m)).isEqualTo("Received: from x\r\n" + m);
    }

    @Test
    void aFieldNamedInTheBodyDoesNotCount() {
        assertThat(complete("Subject: x\r\n\r\nDate: not a header\r\n")).contains("\r\nDate: Thu, 26 Nov 2026");
    }

    @Test
    void messageWithoutBodySeparator() {
        assertThat(complete("Subject: x\r\n")).isEqualTo(
                "Received: from x\r\nSubject: x\r\nDate: Thu, 26 Nov 2026 23:05:00 +0000\r\nMessage-ID: <Q1@mail.example.test>\r\n");
    }

    @Test
    void eightBitBodyBytesAreUntouched() {
        byte[] body = {'S', ':', ' ', 'x', '\r', '\n', '\r', '\n', (byte) 0xff, (byte) 0x80, 0, '\r', '\n'};
        byte[] out = SubmissionMessage.complete(body, RECEIVED, "Q1", "h", NOW);
        byte[] tail = java.util.Arrays.copyOfRange(out, out.length - 5, out.length);
        assertThat(tail).containsExactly((byte) 0xff, (byte) 0x80, 0, '\r', '\n');
    }
}
