package org.mailplatform.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** What a line-framing transport needs to hand a literal over unframed. */
class PendingLiteralOctetsTest {

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void synchronizingAndNonSynchronizingLiteralsAreAnnounced() {
        ImapRequestParser parser = new ImapRequestParser();
        assertThat(parser.next(bytes("a LOGIN {5}\r\n"))).isInstanceOf(ParseEvent.ContinuationNeeded.class);
        assertThat(parser.pendingLiteralOctets()).isEqualTo(5);
        assertThat(parser.next(bytes("al"))).isNull();
        assertThat(parser.pendingLiteralOctets()).isEqualTo(3);
        assertThat(parser.next(bytes("ice"))).isNull();
        assertThat(parser.pendingLiteralOctets()).isZero();
        assertThat(parser.next(bytes(" {3+}\r\n"))).isNull();
        assertThat(parser.pendingLiteralOctets()).isEqualTo(3);
        assertThat(parser.next(bytes("pwd\r\n"))).isInstanceOf(ParseEvent.CommandReady.class);
        assertThat(parser.pendingLiteralOctets()).isZero();
    }

    @Test
    void aRefusedNonSynchronizingLiteralIsStillOwed() {
        ImapRequestParser parser = new ImapRequestParser(ImapParserLimits.defaults().withMaxLiteralSize(10),
                LiteralMode.LITERAL_PLUS);
        assertThat(parser.next(bytes("a LOGIN {20+}\r\n"))).isInstanceOf(ParseEvent.ParseError.class);
        assertThat(parser.pendingLiteralOctets()).isEqualTo(20);
        assertThat(parser.next(bytes("x".repeat(20) + "\r\n"))).isNull();
        assertThat(parser.pendingLiteralOctets()).isZero();
        assertThat(parser.next(bytes("b NOOP\r\n"))).isInstanceOf(ParseEvent.CommandReady.class);
    }
}
