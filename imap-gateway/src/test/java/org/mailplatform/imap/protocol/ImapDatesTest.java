package org.mailplatform.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImapDatesTest {

    @Test
    void parsesDates() throws Exception {
        assertThat(ImapDates.parseDate("1-Feb-1994")).isEqualTo(LocalDate.of(1994, 2, 1));
        assertThat(ImapDates.parseDate("29-feb-2024")).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void parsesDateTimes() throws Exception {
        assertThat(ImapDates.parseDateTime("01-Feb-1994 12:00:00 +0000"))
                .isEqualTo(OffsetDateTime.of(1994, 2, 1, 12, 0, 0, 0, ZoneOffset.UTC));
        assertThat(ImapDates.parseDateTime(" 7-Jul-2023 23:59:58 -0730"))
                .isEqualTo(OffsetDateTime.of(2023, 7, 7, 23, 59, 58, 0, ZoneOffset.ofHoursMinutes(-7, -30)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1-Feb", "001-Feb-1994", "1-Fbr-1994", "30-Feb-1994", "1-Feb-94", "a-Feb-1994", "1 Feb 1994"})
    void refusesInvalidDates(String text) {
        assertThatThrownBy(() -> ImapDates.parseDate(text)).isInstanceOf(ImapSyntaxException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1-Feb-1994 12:00:00 +0000", "01-Feb-1994 24:00:00 +0000", "01-Feb-1994 12:00:00 0000",
        "01-Feb-1994 12:00:00 +2500", "01-Feb-1994 12:00:00 +0060", "01-Feb-1994 12:00 +0000", "32-Jan-1994 12:00:00 +0000"})
    void refusesInvalidDateTimes(String text) {
        assertThatThrownBy(() -> ImapDates.parseDateTime(text)).isInstanceOf(ImapSyntaxException.class);
    }

    @Test
    void formatsForResponses() throws Exception {
        OffsetDateTime t = OffsetDateTime.of(2024, 3, 5, 8, 4, 9, 0, ZoneOffset.ofHours(-5));
        assertThat(ImapDates.formatDateTime(t)).isEqualTo("05-Mar-2024 08:04:09 -0500");
        assertThat(ImapDates.parseDateTime(ImapDates.formatDateTime(t))).isEqualTo(t);
        assertThat(ImapDates.formatDate(LocalDate.of(1994, 2, 1))).isEqualTo("1-Feb-1994");
    }
}
