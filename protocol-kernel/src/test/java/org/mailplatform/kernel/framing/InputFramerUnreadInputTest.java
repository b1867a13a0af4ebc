package org.mailplatform.kernel.framing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.kernel.Line;

/** {@link InputFramer#hasUnreadInput()}: what a session learns about input sent ahead of its reply. */
class InputFramerUnreadInputTest {

    private final List<String> seen = new ArrayList<>();
    private InputFramer framer;

    private final InputFramer.Sink sink = new InputFramer.Sink() {
        @Override
        public void line(Line line) {
            seen.add(line.ascii() + (framer.hasUnreadInput() ? " +more" : ""));
        }

        @Override
        public void raw(byte[] chunk, boolean last) {
            seen.add("raw " + new String(chunk, StandardCharsets.US_ASCII) + (framer.hasUnreadInput() ? " +more" : ""));
        }

        @Override
        public void lineOverflow() {
            seen.add("overflow");
        }
    };

    @Test
    void aLineFollowedByMoreBytesOfTheSameChunkHasUnreadInput() {
        framer = new InputFramer(sink, 100);

        framer.feed("HELO a\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDA".getBytes(StandardCharsets.US_ASCII));

        assertThat(seen).containsExactly("HELO a +more", "MAIL FROM:<a@b> +more", "RCPT TO:<c@d> +more");
    }

    @Test
    void theLastLineOfAChunkHasNone() {
        framer = new InputFramer(sink, 100);

        framer.feed("HEL".getBytes(StandardCharsets.US_ASCII));
        framer.feed("O a\r\n".getBytes(StandardCharsets.US_ASCII));
        framer.feed("NOOP\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(seen).containsExactly("HELO a", "NOOP");
        assertThat(framer.hasUnreadInput()).isFalse();
    }

    @Test
    void aRawReadFollowedByALineHasUnreadInput() {
        framer = new InputFramer(new InputFramer.Sink() {
            @Override
            public void line(Line line) {
                sink.line(line);
                if (line.ascii().startsWith("BDAT")) {
                    framer.readRaw(3);
                }
            }

            @Override
            public void raw(byte[] chunk, boolean last) {
                sink.raw(chunk, last);
            }

            @Override
            public void lineOverflow() {
                seen.add("overflow");
            }
        }, 100);

        framer.feed("BDAT 3\r\nabcQUIT\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(seen).containsExactly("BDAT 3 +more", "raw abc +more", "QUIT");
    }

    @Test
    void discardedInputIsNotUnread() {
        framer = new InputFramer(new InputFramer.Sink() {
            @Override
            public void line(Line line) {
                framer.discardRemaining();
                sink.line(line);
            }

            @Override
            public void raw(byte[] chunk, boolean last) {
            }

            @Override
            public void lineOverflow() {
                seen.add("overflow");
            }
        }, 100);

        framer.feed("STARTTLS\r\nMAIL FROM:<a@b>\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(seen).containsExactly("STARTTLS");
    }
}
