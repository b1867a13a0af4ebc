package org.mailplatform.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SectionSpecTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("", new SectionSpec(List.of(), SectionSpec.Text.NONE, List.of())),
                Arguments.of("header", new SectionSpec(List.of(), SectionSpec.Text.HEADER, List.of())),
                Arguments.of("TEXT", new SectionSpec(List.of(), SectionSpec.Text.TEXT, List.of())),
                Arguments.of("1.2.3", new SectionSpec(List.of(1, 2, 3), SectionSpec.Text.NONE, List.of())),
                Arguments.of("4.MIME", new SectionSpec(List.of(4), SectionSpec.Text.MIME, List.of())),
                Arguments.of("2.HEADER", new SectionSpec(List.of(2), SectionSpec.Text.HEADER, List.of())),
                Arguments.of("HEADER.FIELDS (Subject From)",
                        new SectionSpec(List.of(), SectionSpec.Text.HEADER_FIELDS, List.of("Subject", "From"))),
                Arguments.of("1.HEADER.FIELDS.NOT (\"X-Spam Flag\" Received)",
                        new SectionSpec(List.of(1), SectionSpec.Text.HEADER_FIELDS_NOT, List.of("X-Spam Flag", "Received"))));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parses(String text, SectionSpec expected) {
        assertThat(SectionSpec.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MIME", "1.", "1..2", "0", "1.0", "1.FOO", "HEADER.FIELDS", "HEADER.FIELDS ()",
            "HEADER.FIELDS (a", "99999999999", "1x", "TEXT.1"})
    void rejects(String text) {
        assertThatThrownBy(() -> SectionSpec.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
