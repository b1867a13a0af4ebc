package org.mailplatform.kernel.framing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.mailplatform.kernel.Line;

/**
 * Framing must not depend on how the wire split the input: the same bytes fed in arbitrary chunks give
 * the same lines and raw reads as a simple reference splitter, with every line bounded by the limit.
 */
class InputFramerFuzzTest {

    /** Frames recorded as text-free values; a line "{n}" asks for a raw read of n bytes, like an IMAP literal. */
    private static final class Recorder implements InputFramer.Sink {
        final List<Object> frames = new ArrayList<>();
        final ByteArrayOutputStream raw = new ByteArrayOutputStream();
        InputFramer framer;

        @Override
        public void line(Line line) {
            frames.add(line);
            int literal = literalLength(line.bytes());
            if (literal > 0 && !line.tooLong()) {
                framer.readRaw(literal);
            }
        }

        @Override
        public void raw(byte[] chunk, boolean last) {
            raw.writeBytes(chunk);
            if (last) {
                frames.add(List.of(raw.toByteArray().length, Arrays.hashCode(raw.toByteArray())));
                raw.reset();
            }
        }

        @Override
        public void lineOverflow() {
            throw new AssertionError("a framer with no overlong-line allowance never reports an endless line");
        }
    }

    @FuzzTest(maxDuration = "10s")
    void framingIsIndependentOfChunking(FuzzedDataProvider data) {
        int maxLineLength = data.consumeInt(1, 64);
        int[] cuts = new int[data.consumeInt(0, 8)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(0, 1 << 12);
        }
        byte[] input = data.consumeRemainingAsBytes();

        Recorder whole = new Recorder();
        whole.framer = new InputFramer(whole, maxLineLength);
        assertThat(whole.framer.feed(input)).isZero();

        Recorder chunked = new Recorder();
        chunked.framer = new InputFramer(chunked, maxLineLength);
        Arrays.sort(cuts);
        int position = 0;
        for (int cut : cuts) {
            int end = Math.min(Math.max(cut, position), input.length);
            assertThat(chunked.framer.feed(input, position, end - position)).isZero();
            position = end;
        }
        assertThat(chunked.framer.feed(input, position, input.length - position)).isZero();

        assertThat(chunked.frames).isEqualTo(whole.frames);
        assertThat(whole.frames).isEqualTo(reference(input, maxLineLength));
    }

    /** Splits complete lines at LF, honouring "{n}" raw reads; a trailing partial line or read is pending. */
    private static List<Object> reference(byte[] input, int maxLineLength) {
        List<Object> frames = new ArrayList<>();
        int position = 0;
        while (position < input.length) {
            int lf = position;
            while (lf < input.length && input[lf] != '\n') {
                lf++;
            }
            if (lf == input.length) {
                break;
            }
            boolean crlf = lf > position && input[lf - 1] == '\r';
            int end = crlf ? lf - 1 : lf;
            boolean bareCr = false;
            for (int i = position; i < end; i++) {
                bareCr |= input[i] == '\r';
            }
            int length = end - position;
            Line line = new Line(Arrays.copyOfRange(input, position, position + Math.min(length, maxLineLength)),
                    !crlf, bareCr, length > maxLineLength);
            frames.add(line);
            position = lf + 1;
            int literal = literalLength(line.bytes());
            if (literal > 0 && !line.tooLong()) {
                if (input.length - position < literal) {
                    break;
                }
                byte[] raw = Arrays.copyOfRange(input, position, position + literal);
                frames.add(List.of(raw.length, Arrays.hashCode(raw)));
                position += literal;
            }
        }
        return frames;
    }

    /** n for a line that is exactly "{n}" with 1 <= n <= 999, else 0. */
    private static int literalLength(byte[] line) {
        if (line.length < 3 || line.length > 5 || line[0] != '{' || line[line.length - 1] != '}') {
            return 0;
        }
        int value = 0;
        for (int i = 1; i < line.length - 1; i++) {
            if (line[i] < '0' || line[i] > '9') {
                return 0;
            }
            value = value * 10 + (line[i] - '0');
        }
        return value;
    }
}
