package org.mailplatform.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Pop3CommandLineTest {

    private static Pop3CommandLine parse(String s) {
        return Pop3CommandLine.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertThat(parse("rEtR 1").keyword()).isEqualTo("RETR");
    }

    @Test
    void argumentsAreSeparatedBySpaces() {
        Pop3CommandLine line = parse("TOP 3 10");
        assertThat(line.arguments()).containsExactly("3", "10");
    }

    @Test
    void extraSpacesAreTolerated() {
        assertThat(parse("TOP  3   10 ").arguments()).containsExactly("3", "10");
    }

    @Test
    void theRestIsKeptVerbatimForPasswordsWithSpaces() {
        Pop3CommandLine line = parse("PASS  my secret ");
        assertThat(line.rest()).isEqualTo(" my secret ");
    }

    @Test
    void anEmptyLineHasAnEmptyKeyword() {
        Pop3CommandLine line = parse("");
        assertThat(line.keyword()).isEmpty();
        assertThat(line.arguments()).isEmpty();
    }

    @Test
    void argumentCountIsChecked() {
        assertThatThrownBy(() -> parse("RETR").requireArguments(1, 1)).isInstanceOf(Pop3Error.class)
                .hasMessage("Missing argument");
        assertThatThrownBy(() -> parse("RETR 1 2").requireArguments(1, 1)).isInstanceOf(Pop3Error.class)
                .hasMessage("Too many arguments");
    }

    @Test
    void numbersAreStrictDecimal() throws Pop3Error {
        assertThat(Numbers.messageNumber("42")).isEqualTo(42);
        assertThat(Numbers.lineCount("0")).isZero();
        for (String bad : new String[] {"0", "-1", "+1", "1a", "", "1234567890", " 1"}) {
            assertThatThrownBy(() -> Numbers.messageNumber(bad)).isInstanceOf(Pop3Error.class);
        }
        assertThatThrownBy(() -> Numbers.lineCount("-1")).isInstanceOf(Pop3Error.class);
    }

    @Test
    void errorsCarryTheirResponseCode() {
        assertThat(new String(new Pop3Error(ResponseCode.IN_USE, "maildrop already locked").toReply(),
                StandardCharsets.US_ASCII)).isEqualTo("-ERR [IN-USE] maildrop already locked\r\n");
        assertThat(new String(new Pop3Error("No such message").toReply(), StandardCharsets.US_ASCII))
                .isEqualTo("-ERR No such message\r\n");
    }
}
