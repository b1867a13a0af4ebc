package org.mailplatform.msgauth.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.msgauth.dkim.DkimResult;
import org.mailplatform.msgauth.dmarc.DmarcRecord;
import org.mailplatform.msgauth.dmarc.DmarcResult;
import org.mailplatform.msgauth.spf.SpfResult;

/** RFC 8601 2.2 field syntax and section 5's removal of forged fields. */
class AuthenticationResultsTest {

    @Test
    void oneResinfoPerCheckOnFoldedLines() {
        String field = new AuthenticationResults("mx.example.test")
                .spf(new SpfResult(SpfResult.Outcome.SOFTFAIL, "mailfrom", "a.test", "x@a.test"))
                .dkim(List.of(new DkimResult(DkimResult.Outcome.FAIL, "b.test", "sel", "@b.test", "rsa-sha256",
                        "abcdefgh", "body hash \"bad\"")))
                .dmarc(new DmarcResult(DmarcResult.Outcome.FAIL, "b.test", DmarcRecord.Policy.REJECT,
                        DmarcRecord.Policy.REJECT, "p=reject (sampled)"))
                .field();
        assertThat(field).isEqualTo("Authentication-Results: mx.example.test;\r\n"
                + "\tspf=softfail smtp.mailfrom=a.test;\r\n"
                + "\tdkim=fail reason=\"body hash \\\"bad\\\"\" header.d=b.test header.i=@b.test header.s=sel"
                + " header.a=rsa-sha256 header.b=abcdefgh;\r\n"
                + "\tdmarc=fail (p=reject \\(sampled\\)) header.from=b.test\r\n");
    }

    @Test
    void nothingCheckedIsNone() {
        assertThat(new AuthenticationResults("mx.example.test").field())
                .isEqualTo("Authentication-Results: mx.example.test; none\r\n");
    }

    @Test
    void forgedFieldsWithOurIdAreRemovedWhateverTheirCaseOrComments() {
        String m = "Authentication-Results: MX.example.test; spf=pass\r\n"
                + "Received: from x\r\n"
                + "Authentication-Results: (forged) mx.example.test\r\n\t; dkim=pass\r\n"
                + "Authentication-Results: \"mx.example.test\"; dmarc=pass\r\n"
                + "Authentication-Results: mx.example.test.evil; spf=pass\r\n"
                + "Authentication-Results: other.test; spf=pass\r\n"
                + "Subject: Authentication-Results: mx.example.test\r\n"
                + "\r\n"
                + "Authentication-Results: mx.example.test; body line stays\r\n";
        ForgedResultsFilter filter = new ForgedResultsFilter("mx.example.test");
        byte[] bytes = m.getBytes(StandardCharsets.UTF_8);
        assertThat(filter.count(bytes)).isEqualTo(3);
        assertThat(new String(filter.apply(bytes), StandardCharsets.UTF_8)).isEqualTo(
                "Received: from x\r\n"
                        + "Authentication-Results: mx.example.test.evil; spf=pass\r\n"
                        + "Authentication-Results: other.test; spf=pass\r\n"
                        + "Subject: Authentication-Results: mx.example.test\r\n"
                        + "\r\n"
                        + "Authentication-Results: mx.example.test; body line stays\r\n");
    }

    @Test
    void messageWithoutForgedFieldsIsReturnedAsIs() {
        byte[] m = "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(new ForgedResultsFilter("mx.example.test").apply(m)).isSameAs(m);
    }
}
