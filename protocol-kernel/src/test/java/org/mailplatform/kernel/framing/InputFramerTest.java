package org.mailplatform.kernel.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailplatform.kernel.Line;

class InputFramerTest {

    /** Records frames; an optional hook runs inside the line callback, as a session would. */
    private static final class Recorder implements InputFramer.Sink {
        final List<Object> frames = new ArrayList<>();
        final ByteArrayOutputStream raw = new ByteArrayOutputStream();
        Consumer<Line> onLine = line -> { };

        @Override
        public void line(Line line) {
            frames.add(line);
            onLine.accept(line);
        }

        @Override
        public void raw(byte[] chunk, boolean last) {
            raw.writeBytes(chunk);
            if (last) {
                frames.add("raw:" + raw.toString(StandardCharsets.US_ASCII));
                raw.reset();
            }
        }

        @Override
        public void lineOverflow() {
            frames.add("overflow");
        }
    }

    private final Recorder sink = new Recorder();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 1000})
    void splitsCrlfLinesHoweverTheInputIsChunked(int chunkSize) {
        InputFramer framer = new InputFramer(sink, 100);

        feedInChunks(framer, "EHLO client.example\r\nMAIL FROM:<a@b>\r\n\r\nQUIT\r\n", chunkSize);

        assertThat(sink.frames).containsExactly(crlf("EHLO client.example"), crlf("MAIL FROM:<a@b>"), crlf(""), crlf("QUIT"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 1000})
    void flagsBareLfAndBareCr(int chunkSize) {
        InputFramer framer = new InputFramer(sink, 100);

        feedInChunks(framer, "bare lf\nmid\rcr\r\nend cr\r\r\n\r.\r\n\n", chunkSize);

        assertThat(sink.frames).containsExactly(
                new Line(ascii("bare lf"), true, false, false),
                new Line(ascii("mid\rcr"), false, true, false),
                new Line(ascii("end cr\r"), false, true, false),
                new Line(ascii("\r."), false, true, false),
                new Line(ascii(""), true, false, false));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 1000})
    void aLineOfExactlyTheLimitIsNotTooLong(int chunkSize) {
        InputFramer framer = new InputFramer(sink, 5);

        feedInChunks(framer, "12345\r\n12345\n123456\r\n", chunkSize);

        assertThat(sink.frames).containsExactly(
                crlf("12345"),
                new Line(ascii("12345"), true, false, false),
                new Line(ascii("12345"), false, false, true));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 100_000})
    void anOverlongLineIsCutAtTheLimitAndTheConnectionContinues(int chunkSize) {
        InputFramer framer = new InputFramer(sink, 8);
        String huge = "A1 " + "x".repeat(50_000);

        feedInChunks(framer, huge + "\r\nA2 NOOP\r\n", chunkSize);

        assertThat(sink.frames).containsExactly(new Line(ascii("A1 xxxxx"), false, false, true), crlf("A2 NOOP"));
    }

    @Test
    void neverHoldsMoreThanTheLimitOfAnUnterminatedLine() throws Exception {
        InputFramer framer = new InputFramer(sink, 16);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');

        for (int i = 0; i < 200; i++) {
            framer.feed(chunk.clone());
        }

        var buffer = InputFramer.class.getDeclaredField("partial");
        buffer.setAccessible(true);
        assertThat(((byte[]) buffer.get(framer)).length).isLessThanOrEqualTo(17);
        assertThat(sink.frames).isEmpty();
        framer.feed(ascii("\r\nnext\r\n"));
        assertThat(sink.frames).containsExactly(new Line(ascii("x".repeat(16)), false, false, true), crlf("next"));
    }

    @Test
    void holdsNoBufferBetweenLines() throws Exception {
        InputFramer framer = new InputFramer(sink, 100);
        framer.feed(ascii("partial"));
        var buffer = InputFramer.class.getDeclaredField("partial");
        buffer.setAccessible(true);
        assertThat(buffer.get(framer)).isNotNull();

        framer.feed(ascii(" line\r\n"));

        assertThat(buffer.get(framer)).isNull();
        assertThat(sink.frames).containsExactly(crlf("partial line"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 1000})
    void switchesToRawBytesExactlyAfterTheLineThatAskedAndBackToLines(int chunkSize) {
        InputFramer framer = new InputFramer(sink, 100);
        sink.onLine = line -> {
            String text = line.ascii();
            if (text.startsWith("BDAT ")) {
                framer.readRaw(Long.parseLong(text.substring(5)));
            }
        };

        feedInChunks(framer, "BDAT 7\r\nab\r\n.\nzBDAT 3\r\n\r\n\rNOOP\r\n", chunkSize);

        assertThat(sink.frames).containsExactly(crlf("BDAT 7"), "raw:ab\r\n.\nz", crlf("BDAT 3"), "raw:\r\n\r", crlf("NOOP"));
    }

    @Test
    void rawChunksAddUpToTheRequestedCountWithOnlyTheLastFlagged() {
        List<String> pieces = new ArrayList<>();
        InputFramer framer = new InputFramer(new InputFramer.Sink() {
            @Override
            public void line(Line line) {
                pieces.add("line:" + line.ascii());
            }

            @Override
            public void raw(byte[] chunk, boolean last) {
                pieces.add(new String(chunk, StandardCharsets.US_ASCII) + (last ? "|last" : ""));
            }

            @Override
            public void lineOverflow() {
                pieces.add("overflow");
            }
        }, 100);
        framer.readRaw(5);

        framer.feed(ascii("ab"));
        framer.feed(ascii("cdeX\r\n"));

        assertThat(pieces).containsExactly("ab", "cde|last", "line:X");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 1000})
    void aLineEndingWithinTheAllowanceArrivesTooLong(int chunkSize) {
        InputFramer framer = new InputFramer(sink, 8, 10);

        feedInChunks(framer, "0123456789abcdefgh\r\nnext\r\n", chunkSize);

        assertThat(sink.frames).containsExactly(new Line(ascii("01234567"), false, false, true), crlf("next"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 1000})
    void aLineRunningPastTheAllowanceOverflowsOnceWithoutWaitingForItsEnd(int chunkSize) {
        InputFramer framer = new InputFramer(sink, 8, 10);

        feedInChunks(framer, "0123456789abcdefghij" + "z".repeat(500), chunkSize);

        assertThat(sink.frames).containsExactly("overflow");
        assertThat(framer.inPartialLine()).isFalse();
    }

    @Test
    void aWholeLineInOneChunkOverflowsLikeAnAssembledOne() {
        InputFramer framer = new InputFramer(sink, 8, 10);

        framer.feed(ascii("0123456789abcdefghij\r\nnext\r\n"));
        framer.feed(ascii("after\r\n"));

        assertThat(sink.frames).as("nothing is framed after an overflow").containsExactly("overflow");
    }

    @Test
    void countsLinesAndTellsWhetherOneIsPending() {
        InputFramer framer = new InputFramer(sink, 100);

        framer.feed(ascii("one\r\ntw"));

        assertThat(framer.linesFramed()).isEqualTo(1);
        assertThat(framer.inPartialLine()).isTrue();
        framer.feed(ascii("o\r\n"));
        assertThat(framer.linesFramed()).isEqualTo(2);
        assertThat(framer.inPartialLine()).isFalse();
    }

    @Test
    void discardRemainingDropsTheRestOfTheChunkAndReportsHowMuch() {
        InputFramer framer = new InputFramer(sink, 100);
        sink.onLine = line -> {
            if (line.ascii().equals("STARTTLS")) {
                framer.discardRemaining();
            }
        };

        int unread = framer.feed(ascii("STARTTLS\r\nINJECTED\r\npartial"));

        assertThat(sink.frames).containsExactly(crlf("STARTTLS"));
        assertThat(unread).isEqualTo("INJECTED\r\npartial".length());
        framer.feed(ascii("AFTER\r\n"));
        assertThat(sink.frames).containsExactly(crlf("STARTTLS"), crlf("AFTER"));
    }

    @Test
    void aNewLimitAppliesToTheNextLine() {
        InputFramer framer = new InputFramer(sink, 100);
        sink.onLine = line -> framer.setMaxLineLength(3);

        framer.feed(ascii("first line\r\nabcd\r\nabc\r\n"));

        assertThat(sink.frames).containsExactly(crlf("first line"), new Line(ascii("abc"), false, false, true), crlf("abc"));
    }

    @Test
    void refusesRawReadsThatMakeNoSense() {
        InputFramer framer = new InputFramer(sink, 100);
        assertThatThrownBy(() -> framer.readRaw(0)).isInstanceOf(IllegalArgumentException.class);
        framer.feed(ascii("half a li"));
        assertThatThrownBy(() -> framer.readRaw(3)).isInstanceOf(IllegalStateException.class);
        framer.feed(ascii("ne\r\n"));
        framer.readRaw(3);
        assertThatThrownBy(() -> framer.readRaw(3)).isInstanceOf(IllegalStateException.class);
        assertThat(framer.inRawRead()).isTrue();
    }

    private static void feedInChunks(InputFramer framer, String text, int chunkSize) {
        byte[] bytes = ascii(text);
        for (int offset = 0; offset < bytes.length; offset += chunkSize) {
            int length = Math.min(chunkSize, bytes.length - offset);
            framer.feed(java.util.Arrays.copyOfRange(bytes, offset, offset + length));
        }
    }

    private static Line crlf(String text) {
        return new Line(ascii(text), false, false, false);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
