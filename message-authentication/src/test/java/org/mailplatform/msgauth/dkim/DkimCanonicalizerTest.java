package org.mailplatform.msgauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** RFC 6376 3.4: the canonical forms, with the example of 3.4.6. */
class DkimCanonicalizerTest {

    private static final String EXAMPLE = "A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n";

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void relaxedHeadersAsInTheRfcExample() {
        assertThat(text(DkimCanonicalizer.header("relaxed", bytes("A: X\r\n")))).isEqualTo("a:X\r\n");
        assertThat(text(DkimCanonicalizer.header("relaxed", bytes("B : Y\t\r\n\tZ  \r\n")))).isEqualTo("b:Y Z\r\n");
    }

    @Test
    void simpleHeadersAreUnchanged() {
        assertThat(text(DkimCanonicalizer.header("simple", bytes("B : Y\t\r\n\tZ  \r\n")))).isEqualTo("B : Y\t\r\n\tZ  \r\n");
    }

    @Test
    void relaxedBodyAsInTheRfcExample() {
        int body = EXAMPLE.indexOf("\r\n\r\n") + 4;
        assertThat(text(DkimCanonicalizer.body("relaxed", bytes(EXAMPLE), body))).isEqualTo(" C\r\nD E\r\n");
    }

    @Test
    void simpleBodyAsInTheRfcExample() {
        int body = EXAMPLE.indexOf("\r\n\r\n") + 4;
        assertThat(text(DkimCanonicalizer.body("simple", bytes(EXAMPLE), body))).isEqualTo(" C \r\nD \t E\r\n");
    }

    @Test
    void emptyBodies() {
        byte[] m = bytes("A: X\r\n\r\n");
        assertThat(text(DkimCanonicalizer.body("simple", m, m.length))).isEqualTo("\r\n");
        assertThat(text(DkimCanonicalizer.body("relaxed", m, m.length))).isEmpty();
        byte[] blank = bytes("A: X\r\n\r\n\r\n  \r\n");
        assertThat(text(DkimCanonicalizer.body("relaxed", blank, 8))).isEmpty();
    }

    @Test
    void signatureValueIsEmptiedAndEverythingElseKept() {
        String field = "DKIM-Signature: v=1; a=rsa-sha256; bh=abc=;\r\n\tb=dGVz\r\n\t dA==; d=x.test\r\n";
        assertThat(text(DkimCanonicalizer.withoutSignatureValue(bytes(field))))
                .isEqualTo("DKIM-Signature: v=1; a=rsa-sha256; bh=abc=;\r\n\tb=; d=x.test\r\n");
        String last = "DKIM-Signature: v=1; bh=abc=; b=dGVz\r\n";
        assertThat(text(DkimCanonicalizer.withoutSignatureValue(bytes(last)))).isEqualTo("DKIM-Signature: v=1; bh=abc=; b=\r\n");
    }
}
