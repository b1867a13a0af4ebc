package org.mailplatform.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DotStufferTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final DotStuffer stuffer = new DotStuffer(out::writeBytes);

    private String output() {
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void doublesTheDotOfEveryLineThatStartsWithOne() {
        stuffer.write(ascii(".first\r\nmiddle.dot\r\n.\r\n..two\r\n"));
        stuffer.finish();
        assertThat(output()).isEqualTo("..first\r\nmiddle.dot\r\n..\r\n...two\r\n.\r\n");
    }

    @Test
    void sameResultWhenFedOneByteAtATime() {
        String message = "Subject: x\r\n\r\n.\r\n.a\r\nb.\r\n.";
        for (byte b : ascii(message)) {
            stuffer.write(new byte[] {b}, 0, 1);
        }
        stuffer.finish();
        assertThat(output()).isEqualTo("Subject: x\r\n\r\n..\r\n..a\r\nb.\r\n..\r\n.\r\n");
    }

    @Test
    void endsAnOpenLastLineBeforeTheTerminator() {
        stuffer.write(ascii("no final line end"));
        stuffer.finish();
        assertThat(output()).isEqualTo("no final line end\r\n.\r\n");
    }

    @Test
    void aClosedLastLineGetsNoExtraLineEnd() {
        stuffer.write(ascii("done\r\n"));
        stuffer.finish();
        assertThat(output()).isEqualTo("done\r\n.\r\n");
    }

    @Test
    void anEmptyBodyIsJustTheTerminator() {
        stuffer.finish();
        assertThat(output()).isEqualTo(".\r\n");
    }

    @Test
    void aDotAfterABareLineFeedIsStuffedToo() {
        stuffer.write(ascii("a\n.\r\n"));
        stuffer.finish();
        assertThat(output()).isEqualTo("a\n..\r\n.\r\n");
    }

    @Test
    void honoursOffsetAndLength() {
        byte[] buffer = ascii("xx.one\r\nyy");
        stuffer.write(buffer, 2, 6);
        stuffer.finish();
        assertThat(output()).isEqualTo("..one\r\n.\r\n");
    }

    @Test
    void linesOfTextGetTheirLineEnd() {
        stuffer.line("1 120");
        stuffer.line(".hidden");
        stuffer.finish();
        assertThat(output()).isEqualTo("1 120\r\n..hidden\r\n.\r\n");
    }

    @Test
    void nothingMayFollowTheTerminator() {
        stuffer.finish();
        assertThatThrownBy(() -> stuffer.write(ascii("late"))).isInstanceOf(IllegalStateException.class);
    }
}
