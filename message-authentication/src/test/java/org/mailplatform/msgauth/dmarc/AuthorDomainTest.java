package org.mailplatform.msgauth.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailplatform.msgauth.HeaderSection;

/** RFC 7489 6.6.1: DMARC judges a message only when it has exactly one author domain. */
class AuthorDomainTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "From: Alice <alice@Example.TEST>                                | example.test",
            "From: alice@example.test, bob@example.test                     | example.test",
            "From: \"a, b\" <a@x.example.test>                              | x.example.test",
            "From: alice@example.test, eve@evil.test                        | NONE",
            "From: alice@example.test/From: eve@evil.test                | NONE",
            "Sender: alice@example.test                                     | NONE",
            "From: undisclosed:;                                            | NONE",
            "From: alice@localhost                                          | NONE",
            "From: Jörg <jörg@bücher.test>                                  | xn--bcher-kva.test",
            "From:/ alice@folded.test                                       | folded.test"})
    void authorDomain(String header, String expected) {
        // "/" stands for a line end in the table.
        byte[] message = (header.replace("/", "\r\n") + "\r\nSubject: x\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(AuthorDomain.of(HeaderSection.of(message))).isEqualTo(expected);
    }
}
