package org.mailplatform.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DateHeaderTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("Tue, 14 Dec 2010 11:30:36 +0100", "2010-12-14T11:30:36+01:00"),
                Arguments.of("14 Dec 2010 23:30 -0500", "2010-12-14T23:30-05:00"),
                Arguments.of("Tue, 14 Dec 10 11:30:36 GMT", "2010-12-14T11:30:36Z"),
                Arguments.of("Tue, 14 Dec 99 11:30:36 EST", "1999-12-14T11:30:36-05:00"),
                Arguments.of("Mon, 1 Jan 2024 10:00:00 +0000 (UTC)", "2024-01-01T10:00Z"),
                Arguments.of("Mon,  1 Jan 2024 10:00:00 +0000", "2024-01-01T10:00Z"),
                Arguments.of("1 January 2024 10:00:00 +0530", "2024-01-01T10:00+05:30"),
                Arguments.of("Sat, 31 Dec 2016 23:59:60 +0000", "2016-12-31T23:59:59Z"),
                Arguments.of("Tue, 14 Dec 2010 11:30:36 A", "2010-12-14T11:30:36Z"),
                Arguments.of("Tue, 14 Dec 2010 11:30:36", "2010-12-14T11:30:36Z"),
                Arguments.of("Tue, 31 Feb 2010 10:00:00 +0000", null),
                Arguments.of("Tue, 14 Dec 2010 25:00:00 +0000", null),
                Arguments.of("Tue, 14 Foo 2010 10:00:00 +0000", null),
                Arguments.of("yesterday", null),
                Arguments.of("", null));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void parses(String header, String expected) {
        assertThat(DateHeader.parse(header)).isEqualTo(expected == null ? null : OffsetDateTime.parse(expected));
    }
}
