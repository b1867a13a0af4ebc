package org.mailplatform.msgauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7489 3.1, 6.6.1: a message has an author domain only when it has exactly one. */
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
            "From:/ alice@folded.test                                       | folded.test",
            "From: alice@Trailing.Dot.test.                                 | trailing.dot.test",
            "From: team: alice@group.test, bob@group.test;                  | group.test",
            "From: alice, bob@example.test                                  | example.test",
            "From: alice@bad!domain.test                                    | NONE",
            "From: <<<                                                      | NONE"})
    void authorDomain(String header, String expected) {
        // "/" stands for a line end in the table.
        byte[] message = (header.replace("/", "\r\n") + "\r\nSubject: x\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(AuthorDomain.of(HeaderSection.of(message).values("From")).orElse(null)).isEqualTo(expected);
    }
}
