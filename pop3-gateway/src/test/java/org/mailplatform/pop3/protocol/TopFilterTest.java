package org.mailplatform.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class TopFilterTest {

    private static final String MESSAGE = "From: a@example.test\r\nSubject: hi\r\n\r\nline 1\r\nline 2\r\nline 3\r\n";

    private static String top(String message, int lines, int chunk) {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        TopFilter filter = new TopFilter(lines);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < bytes.length && !filter.done(); i += chunk) {
            int len = Math.min(chunk, bytes.length - i);
            out.write(bytes, i, filter.accept(bytes, i, len));
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void zeroLinesGivesTheHeaderAndTheBlankLine() {
        assertThat(top(MESSAGE, 0, 4096)).isEqualTo("From: a@example.test\r\nSubject: hi\r\n\r\n");
    }

    @Test
    void givesTheAskedNumberOfBodyLines() {
        assertThat(top(MESSAGE, 2, 4096)).isEqualTo("From: a@example.test\r\nSubject: hi\r\n\r\nline 1\r\nline 2\r\n");
    }

    @Test
    void worksAcrossChunkBoundaries() {
        for (int chunk = 1; chunk < 8; chunk++) {
            assertThat(top(MESSAGE, 1, chunk)).isEqualTo("From: a@example.test\r\nSubject: hi\r\n\r\nline 1\r\n");
        }
    }

    @Test
    void moreLinesThanTheBodyHasGivesTheWholeMessage() {
        assertThat(top(MESSAGE, 100, 4096)).isEqualTo(MESSAGE);
    }

    @Test
    void aMessageWithoutABodyIsAllHeader() {
        String headerOnly = "Subject: only\r\nX: y\r\n";
        assertThat(top(headerOnly, 0, 4096)).isEqualTo(headerOnly);
    }

    @Test
    void aLastBodyLineWithoutLineEndCounts() {
        assertThat(top("S: x\r\n\r\nend", 5, 4096)).isEqualTo("S: x\r\n\r\nend");
    }

    @Test
    void headerLinesWithOnlyWhitespaceAreNotTheSeparator() {
        assertThat(top("S: x\r\n \r\nY: z\r\n\r\nbody\r\n", 0, 4096)).isEqualTo("S: x\r\n \r\nY: z\r\n\r\n");
    }

    @Test
    void bareLineFeedsSeparateToo() {
        assertThat(top("S: x\n\nb1\nb2\n", 1, 4096)).isEqualTo("S: x\n\nb1\n");
    }
}
