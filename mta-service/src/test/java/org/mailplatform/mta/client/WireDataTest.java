package org.mailplatform.mta.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class WireDataTest {

    private static String data(String stored) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WireData.writeDotStuffed(stored.getBytes(StandardCharsets.ISO_8859_1), out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void everyKindOfLineEndBecomesCrlfAndTheTextEndsWithOneTerminator() throws Exception {
        assertThat(data("a\nb\rc\r\nd")).isEqualTo("a\r\nb\r\nc\r\nd\r\n.\r\n");
        assertThat(data("a\r\n")).isEqualTo("a\r\n.\r\n");
        assertThat(data("a\n\n")).isEqualTo("a\r\n\r\n.\r\n");
        assertThat(data("")).isEqualTo(".\r\n");
    }

    @Test
    void leadingDotsAreDoubledSoNoStoredLineEndsTheData() throws Exception {
        // RFC 5321 4.5.2; a lone "." in the stored text must not end the message early.
        assertThat(data(".start\n.\nmid.dle\n..two\n")).isEqualTo("..start\r\n..\r\nmid.dle\r\n...two\r\n.\r\n");
        // A stored terminator with bare line ends cannot smuggle a second message.
        assertThat(data("x\n.\nMAIL FROM:<evil@example.net>\n")).isEqualTo("x\r\n..\r\nMAIL FROM:<evil@example.net>\r\n.\r\n");
        assertThat(data("x\r.\rEND")).isEqualTo("x\r\n..\r\nEND\r\n.\r\n");
    }

    @Test
    void normalizedKeepsDotsForBdatAndCountsLikeSize() {
        byte[] stored = "a\n.b\rc".getBytes(StandardCharsets.US_ASCII);
        byte[] normalized = WireData.normalized(stored);
        assertThat(new String(normalized, StandardCharsets.US_ASCII)).isEqualTo("a\r\n.b\r\nc\r\n");
        assertThat(WireData.normalizedLength(stored)).isEqualTo(normalized.length);
        assertThat(WireData.normalizedLength(new byte[0])).isZero();
    }

    @Test
    void sevenBitCleanMeansNoHighBitAndNoNul() {
        assertThat(WireData.sevenBitClean("plain\r\n".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(WireData.sevenBitClean("Grüße".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(WireData.sevenBitClean(new byte[] {'a', 0, 'b'})).isFalse();
    }
}
