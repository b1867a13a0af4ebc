package org.mailplatform.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParameterTest {

    static Stream<Arguments> contentTypes() {
        return Stream.of(
                Arguments.of("text/plain; charset=\"UTF-8\"; format=flowed", "text/plain",
                        List.of(new Parameter("charset", "UTF-8"), new Parameter("format", "flowed"))),
                Arguments.of("multipart/mixed; boundary=----=_Part_1_2.3", "multipart/mixed",
                        List.of(new Parameter("boundary", "----=_Part_1_2.3"))),
                Arguments.of("Text/HTML (comment); CHARSET=us-ascii (Plain text)", "text/html",
                        List.of(new Parameter("charset", "us-ascii"))),
                Arguments.of("application/x; name=\"semi;colon\\\"quote\"", "application/x",
                        List.of(new Parameter("name", "semi;colon\"quote"))),
                Arguments.of("text/plain; charset=a; charset=b; junk; =x", "text/plain",
                        List.of(new Parameter("charset", "a"))),
                Arguments.of("text/plain; name=\"unterminated", "text/plain",
                        List.of(new Parameter("name", "unterminated"))));
    }

    @ParameterizedTest
    @MethodSource("contentTypes")
    void parsesParameterizedValues(String header, String value, List<Parameter> parameters) {
        ParameterizedValue parsed = ParameterizedValue.parse(header);
        assertThat(parsed.value()).isEqualTo(value);
        assertThat(parsed.parameters()).isEqualTo(parameters);
    }

    static Stream<Arguments> rfc2231() {
        return Stream.of(
                // continuations without encoding join into the plain name
                Arguments.of(List.of(p("title*0", "part one, "), p("title*1", "part two")),
                        List.of(p("title", "part one, part two")), "title", "part one, part two"),
                // encoded continuations keep the extended form; plain sections get percent-encoded
                Arguments.of(List.of(p("filename*1", " two.txt"), p("filename*0*", "utf-8'en'J%C3%B6rg")),
                        List.of(p("filename*", "utf-8'en'J%C3%B6rg%20two.txt")), "filename", "Jörg two.txt"),
                Arguments.of(List.of(p("filename*", "iso-8859-1''%A3%20rates.txt")),
                        List.of(p("filename*", "iso-8859-1''%A3%20rates.txt")), "filename", "£ rates.txt"),
                // RFC 2047 in a parameter, as many mailers write it
                Arguments.of(List.of(p("name", "=?UTF-8?B?SsO2cmcucGRm?=")),
                        List.of(p("name", "=?UTF-8?B?SsO2cmcucGRm?=")), "name", "Jörg.pdf"),
                // apostrophes in a plain value are not an RFC 2231 prefix
                Arguments.of(List.of(p("filename", "John's mom's.pdf")),
                        List.of(p("filename", "John's mom's.pdf")), "filename", "John's mom's.pdf"),
                Arguments.of(List.of(p("filename*", "x-unknown''J%C3%B6rg")),
                        List.of(p("filename*", "x-unknown''J%C3%B6rg")), "filename", "Jörg"));
    }

    @ParameterizedTest
    @MethodSource("rfc2231")
    void mergesAndDecodesRfc2231(List<Parameter> raw, List<Parameter> merged, String name, String decoded) {
        assertThat(Rfc2231.merge(raw)).isEqualTo(merged);
        assertThat(Rfc2231.decoded(Rfc2231.merge(raw), name)).isEqualTo(decoded);
    }

    private static Parameter p(String name, String value) {
        return new Parameter(name, value);
    }
}
