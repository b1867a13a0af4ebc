package org.mailplatform.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AddressListParserTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("\"Doe, John\" <john@example.com>", List.of(Address.of("Doe, John", null, "john", "example.com"))),
                Arguments.of("john@example.com", List.of(Address.of(null, null, "john", "example.com"))),
                Arguments.of("john@example.com (John Doe)", List.of(Address.of("John Doe", null, "john", "example.com"))),
                Arguments.of("=?utf-8?q?J=C3=B6rg?= <j@x.org>", List.of(Address.of("=?utf-8?q?J=C3=B6rg?=", null, "j", "x.org"))),
                Arguments.of("John Q. Public <jqp@example.com>", List.of(Address.of("John Q. Public", null, "jqp", "example.com"))),
                Arguments.of("<@relay1.example,@relay2.example:user@host.example>",
                        List.of(Address.of(null, "@relay1.example,@relay2.example", "user", "host.example"))),
                Arguments.of("undisclosed-recipients:;", List.of(Address.groupStart("undisclosed-recipients"), Address.groupEnd())),
                Arguments.of("Team: a@x.org, \"B\" <b@y.org>;, c@z.org", List.of(
                        Address.groupStart("Team"),
                        Address.of(null, null, "a", "x.org"),
                        Address.of("B", null, "b", "y.org"),
                        Address.groupEnd(),
                        Address.of(null, null, "c", "z.org"))),
                Arguments.of("Unclosed group: a@x.org", List.of(
                        Address.groupStart("Unclosed group"), Address.of(null, null, "a", "x.org"), Address.groupEnd())),
                Arguments.of("\"very.unusual.@.unusual.com\"@example.com",
                        List.of(Address.of(null, null, "\"very.unusual.@.unusual.com\"", "example.com"))),
                Arguments.of("user@[192.0.2.1]", List.of(Address.of(null, null, "user", "[192.0.2.1]"))),
                Arguments.of("nodomain", List.of(Address.of(null, null, "nodomain", ""))),
                Arguments.of("Unclosed <a@b.org", List.of(Address.of("Unclosed", null, "a", "b.org"))),
                Arguments.of("a@b.org,, ,c@d.org", List.of(Address.of(null, null, "a", "b.org"), Address.of(null, null, "c", "d.org"))),
                Arguments.of("Jörg Müller <jörg@bücher.example>", List.of(Address.of("Jörg Müller", null, "jörg", "bücher.example"))),
                Arguments.of("first . last @ example . com", List.of(Address.of(null, null, "first.last", "example.com"))),
                Arguments.of("<>", List.of()),
                Arguments.of("", List.of()),
                Arguments.of("((((", List.of()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void parses(String header, List<Address> expected) {
        assertThat(AddressListParser.parse(header)).isEqualTo(expected);
    }
}
