package org.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XtextTest {

    @ParameterizedTest
    @ValueSource(strings = {"plain@example.test", "a+tag=x@example.test", "back\\slash@example.test",
            "jöran@bücher.example", "用户@例え.jp", "a\tb@example.test"})
    void utf8AddressXtextIsAsciiAndDecodesToTheSameAddress(String address) throws SmtpSyntaxException {
        String encoded = Xtext.encodeUtf8Address(address);

        assertThat(encoded.chars()).allMatch(c -> c > 0x20 && c < 0x7f);
        assertThat(encoded).doesNotContain("+", "=");
        assertThat(Xtext.decodeUtf8Address(encoded)).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a+tag=x@example.test", "jöran@bücher.example"})
    void utf8OriginalRecipientIsAcceptedByTheStrictParameterParser(String address) throws SmtpSyntaxException {
        var orcpt = RcptParameters.originalRecipient("utf-8;" + Xtext.encodeUtf8Address(address));

        assertThat(orcpt.address()).isEqualTo(address);
    }
}
