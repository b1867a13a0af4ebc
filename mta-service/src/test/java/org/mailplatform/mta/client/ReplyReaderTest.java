package org.mailplatform.mta.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.smtp.SmtpReply;

class ReplyReaderTest {

    private static ReplyReader reader(String wire) {
        return new ReplyReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
    }

    /** Hands out one byte per read, as a slow network would. */
    private static ReplyReader trickling(String wire) {
        InputStream in = new FilterInputStream(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        return new ReplyReader(in);
    }

    @Test
    void readsMultiLineRepliesAndTakesTheEnhancedCodeOutOfEveryLine() throws Exception {
        ReplyReader r = trickling("250-mx.example.net Hello\r\n250-PIPELINING\r\n250 SIZE 1000\r\n"
                + "550-5.1.1 No such\r\n550 5.1.1 user here\r\n");
        SmtpReply ehlo = r.read();
        assertThat(ehlo.code()).isEqualTo(250);
        assertThat(ehlo.enhanced()).isNull();
        assertThat(ehlo.lines()).containsExactly("mx.example.net Hello", "PIPELINING", "SIZE 1000");
        SmtpReply rcpt = r.read();
        assertThat(rcpt.code()).isEqualTo(550);
        assertThat(rcpt.enhanced()).isEqualTo("5.1.1");
        assertThat(rcpt.lines()).containsExactly("No such", "user here");
        assertThat(DeliveryOutcome.describe(rcpt)).isEqualTo("550 5.1.1 No such user here");
    }

    @Test
    void acceptsACodeWithoutTextAndBareLineFeeds() throws Exception {
        ReplyReader r = reader("250\n354 go ahead\r\n");
        assertThat(r.read().lines()).containsExactly("");
        assertThat(r.read().code()).isEqualTo(354);
    }

    @Test
    void ignoresAnEnhancedCodeOfAnotherClass() throws Exception {
        // RFC 3463 3.1: the class must match the reply's; a mismatch is no enhanced code.
        SmtpReply reply = reader("550 4.2.2 mailbox full\r\n").read();
        assertThat(reply.enhanced()).isNull();
        assertThat(DeliveryOutcome.of(reply).status()).isEqualTo("5.0.0");
        assertThat(DeliveryOutcome.of(reply).isPermanent()).isTrue();
    }

    @Test
    void refusesWhatIsNotAReply() {
        for (String bad : List.of("hello\r\n", "25\r\n", "999 out of range\r\n", "250-a\r\n251 b\r\n", "250_x\r\n")) {
            assertThatThrownBy(() -> reader(bad).read()).as(bad).isInstanceOf(SmtpProtocolException.class);
        }
    }

    @Test
    void refusesEndlessLinesAndEndlessReplies() {
        assertThatThrownBy(() -> reader("250 " + "x".repeat(ReplyReader.MAX_LINE + 10) + "\r\n").read())
                .isInstanceOf(SmtpProtocolException.class);
        assertThatThrownBy(() -> reader("250-x\r\n".repeat(ReplyReader.MAX_LINES + 1) + "250 x\r\n").read())
                .isInstanceOf(SmtpProtocolException.class);
    }

    @Test
    void aClosedConnectionInTheMiddleOfAReplyIsAnEndOfFile() {
        assertThatThrownBy(() -> reader("250-first\r\n250-sec").read()).isInstanceOf(EOFException.class);
    }
}
