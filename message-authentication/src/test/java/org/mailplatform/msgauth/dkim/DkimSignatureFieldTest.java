package org.mailplatform.msgauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6376 3.5 and 6.1.1: which DKIM-Signature fields are read, and which are permanent errors. */
class DkimSignatureFieldTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);
    private static final String VALID = "v=1; a=rsa-sha256; c=relaxed; d=Example.Test; s=sel;\r\n"
            + "\th=From : To: Subject; bh=YWJj; b=ZGVm";

    @Test
    void defaultsAndFolding() {
        DkimSignatureField f = DkimSignatureField.parse(VALID, NOW);
        assertThat(f.domain()).isEqualTo("example.test");
        assertThat(f.headerCanon()).isEqualTo("relaxed");
        assertThat(f.bodyCanon()).isEqualTo("simple");
        assertThat(f.signedHeaders()).containsExactly("From", "To", "Subject");
        assertThat(f.identity()).isEqualTo("@example.test");
        assertThat(f.bodyLength()).isEqualTo(-1);
        assertThat(new String(f.bodyHash())).isEqualTo("abc");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "v=2; a=rsa-sha256; d=x.test; s=s; h=from; bh=YQ==; b=YQ==                 | unsupported version",
            "v=1; a=rsa-sha256; d=x.test; s=s; h=to; bh=YQ==; b=YQ==                   | From field not signed",
            "v=1; a=rsa-sha256; d=x.test; s=s; h=from; bh=YQ==                         | missing required tag b=",
            "v=1; a=rsa-sha256; d=x.test; d=y.test; s=s; h=from; bh=YQ==; b=YQ==       | duplicate tag",
            "v=1; a=rsa-sha256; d=x.test; s=s; h=from; i=a@evil.test; bh=YQ==; b=YQ==  | i= domain",
            "v=1; a=rsa-sha256; d=x.test; s=s; h=from; x=1000; bh=YQ==; b=YQ==         | expired",
            "v=1; a=rsa-sha256; d=x.test; s=s; h=from; c=fancy; bh=YQ==; b=YQ==        | canonicalization",
            "v=1; a=rsa-sha256; d=x.test; s=s; h=from; bh=YQ==; b=Y!Q==                | base64",
            "v=1; a=rsa-sha256; d=x.test; s=s; h=from; l=-5; bh=YQ==; b=YQ==           | invalid l="})
    void permanentErrors(String value, String message) {
        assertThatThrownBy(() -> DkimSignatureField.parse(value, NOW))
                .isInstanceOf(DkimPermanentError.class).hasMessageContaining(message.strip());
    }

    @Test
    void subdomainIdentityIsAllowed() {
        DkimSignatureField f = DkimSignatureField.parse(VALID + "; i=news@mail.example.test", NOW);
        assertThat(f.identity()).isEqualTo("news@mail.example.test");
    }
}
