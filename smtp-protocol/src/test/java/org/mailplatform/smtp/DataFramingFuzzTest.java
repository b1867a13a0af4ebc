package org.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.mailplatform.kernel.Line;
import org.mailplatform.kernel.framing.InputFramer;
import org.mailplatform.kernel.support.MessageMemory;

/**
 * The DATA and BDAT phases as the session runs them: bytes framed by the kernel's {@link InputFramer},
 * DATA lines through {@link DataCollector}, BDAT chunks into {@link MessageBuffer}.
 */
class DataFramingFuzzTest {

    private static final int LINE_LIMIT = 1000;

    /** Feeds framed lines to a collector until it is done, as SmtpConversation's DATA phase does. */
    private static final class DataPhase implements InputFramer.Sink {
        final DataCollector collector;
        DataCollector.Outcome outcome = DataCollector.Outcome.MORE;
        int linesAfterEnd;

        DataPhase(long limit) {
            collector = new DataCollector(limit, new MessageMemory(Long.MAX_VALUE));
        }

        @Override
        public void line(Line line) {
            if (outcome != DataCollector.Outcome.MORE) {
                linesAfterEnd++;
                return;
            }
            outcome = collector.line(line.bytes(), line.bareLf(), line.bareCr(), line.tooLong());
        }

        @Override
        public void raw(byte[] chunk, boolean last) {
            throw new AssertionError("no raw read in DATA");
        }

        @Override
        public void lineOverflow() {
            throw new AssertionError("a framer with no overlong-line allowance never reports an endless line");
        }
    }

    /** RFC 5321 4.5.2: dot-stuffed text, however it is split on the wire, comes back exactly. */
    @FuzzTest(maxDuration = "10s")
    void dotStuffingRoundTrips(FuzzedDataProvider data) {
        int chunk = data.consumeInt(1, 64);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        while (data.remainingBytes() > 0) {
            byte[] line = withoutLineEndings(data.consumeBytes(data.consumeInt(0, 80)));
            message.writeBytes(line);
            message.writeBytes(new byte[] {'\r', '\n'});
            if (line.length > 0 && line[0] == '.') {
                wire.write('.');
            }
            wire.writeBytes(line);
            wire.writeBytes(new byte[] {'\r', '\n'});
        }
        wire.writeBytes(new byte[] {'.', '\r', '\n', 'Q', 'U', 'I', 'T', '\r', '\n'});

        DataPhase phase = new DataPhase(1 << 20);
        InputFramer framer = new InputFramer(phase, LINE_LIMIT);
        byte[] bytes = wire.toByteArray();
        for (int at = 0; at < bytes.length; at += chunk) {
            framer.feed(bytes, at, Math.min(chunk, bytes.length - at));
        }

        assertThat(phase.outcome).isEqualTo(DataCollector.Outcome.COMPLETE);
        assertThat(phase.linesAfterEnd).isEqualTo(1);
        assertThat(phase.collector.message()).isEqualTo(message.toByteArray());
        assertThat(BareLineEndings.present(phase.collector.message())).isFalse();
    }

    /**
     * Any bytes: the data ends only at CRLF "." CRLF (the smuggling defence), a bare CR or LF ends it
     * with a refusal, and an accepted message holds only CRLF line endings within the size limit.
     */
    @FuzzTest(maxDuration = "10s")
    void arbitraryDataEndsOnlyAtCrlfDotCrlf(FuzzedDataProvider data) {
        int limit = data.consumeInt(0, 256);
        byte[] bytes = data.consumeRemainingAsBytes();
        DataPhase phase = new DataPhase(limit);
        new InputFramer(phase, 64).feed(bytes);

        int end = endOfData(bytes);
        int bare = firstBareLineEnding(bytes);
        if (bare >= 0 && (end < 0 || bare < end)) {
            assertThat(phase.outcome).isEqualTo(DataCollector.Outcome.BARE_LINE_ENDING);
        } else if (end >= 0) {
            assertThat(phase.outcome).isEqualTo(DataCollector.Outcome.COMPLETE);
            byte[] message = phase.collector.message();
            assertThat(BareLineEndings.present(message)).isFalse();
            if (!phase.collector.overLimit()) {
                assertThat(message.length).isLessThanOrEqualTo(limit);
            }
        } else {
            assertThat(phase.outcome).isEqualTo(DataCollector.Outcome.MORE);
        }
    }

    /** BDAT (RFC 3030 2): chunks are kept byte for byte up to the limit and counted past it. */
    @FuzzTest(maxDuration = "10s")
    void bdatChunksAreKeptExactly(FuzzedDataProvider data) {
        int limit = data.consumeInt(0, 512);
        MessageBuffer buffer = new MessageBuffer(limit, new MessageMemory(Long.MAX_VALUE));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (data.remainingBytes() > 0) {
            byte[] chunk = data.consumeBytes(data.consumeInt(0, 100));
            buffer.append(chunk);
            all.writeBytes(chunk);
        }
        byte[] expected = all.toByteArray();
        assertThat(buffer.total()).isEqualTo(expected.length);
        assertThat(buffer.overLimit()).isEqualTo(expected.length > limit);
        if (!buffer.overLimit()) {
            assertThat(buffer.take()).isEqualTo(expected);
            assertThat(BareLineEndings.present(expected)).isEqualTo(referenceBareLineEnding(expected));
        }
    }

    private static byte[] withoutLineEndings(byte[] line) {
        byte[] copy = Arrays.copyOf(line, line.length);
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == '\r' || copy[i] == '\n') {
                copy[i] = ' ';
            }
        }
        return copy;
    }

    /** Offset of the "." line that ends the data: at the start or after a CRLF, followed by CRLF. */
    private static int endOfData(byte[] b) {
        for (int i = 0; i + 2 < b.length; i++) {
            boolean lineStart = i == 0 || i >= 2 && b[i - 2] == '\r' && b[i - 1] == '\n';
            if (lineStart && b[i] == '.' && b[i + 1] == '\r' && b[i + 2] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Offset of the first bare CR or LF that lies in a complete line (one the framer delivers). */
    private static int firstBareLineEnding(byte[] b) {
        int lastLf = -1;
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                lastLf = i;
                break;
            }
        }
        for (int i = 0; i <= lastLf; i++) {
            if (b[i] == '\r' && b[i + 1] != '\n' || b[i] == '\n' && (i == 0 || b[i - 1] != '\r')) {
                return i;
            }
        }
        return -1;
    }

    private static boolean referenceBareLineEnding(byte[] b) {
        String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        return s.replace("\r\n", "").indexOf('\r') >= 0 || s.replace("\r\n", "").indexOf('\n') >= 0;
    }
}
