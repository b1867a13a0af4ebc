package org.mailplatform.imap.protocol;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * IMAP {@code date} ({@code 1-Feb-1994}, SEARCH BEFORE/ON/SINCE...) and {@code date-time}
 * ({@code 01-Feb-1994 12:00:00 +0000}, APPEND and INTERNALDATE): RFC 9051 9, RFC 3501 9.
 * Month names are case-insensitive, as are all ABNF literal strings (RFC 5234 2.3).
 */
public final class ImapDates {

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    private ImapDates() {
    }

    /** {@code date-text}: {@code date-day "-" date-month "-" date-year}, date-day being 1 or 2 digits. */
    public static LocalDate parseDate(String text) throws ImapSyntaxException {
        String[] parts = text.split("-", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[0].length() > 2) {
            throw invalidDate(text);
        }
        return date(parts[0], parts[1], parts[2], text);
    }

    /**
     * {@code date-time} without its quotes: {@code date-day-fixed "-" date-month "-" date-year SP
     * time SP zone}, date-day-fixed being two digits or a space and one digit.
     */
    public static OffsetDateTime parseDateTime(String text) throws ImapSyntaxException {
        if (text.length() != 26 || text.charAt(2) != '-' || text.charAt(6) != '-' || text.charAt(11) != ' '
                || text.charAt(14) != ':' || text.charAt(17) != ':' || text.charAt(20) != ' ') {
            throw invalidDateTime(text);
        }
        String day = text.charAt(0) == ' ' ? text.substring(1, 2) : text.substring(0, 2);
        LocalDate date;
        try {
            date = date(day, text.substring(3, 6), text.substring(7, 11), text);
        } catch (ImapSyntaxException e) {
            throw invalidDateTime(text);
        }
        int hour = digits(text, 12, 2);
        int minute = digits(text, 15, 2);
        int second = digits(text, 18, 2);
        char sign = text.charAt(21);
        int zoneHours = digits(text, 22, 2);
        int zoneMinutes = digits(text, 24, 2);
        if (hour < 0 || minute < 0 || second < 0 || zoneHours < 0 || zoneMinutes < 0 || zoneMinutes > 59
                || (sign != '+' && sign != '-')) {
            throw invalidDateTime(text);
        }
        try {
            int offsetSeconds = (zoneHours * 3600 + zoneMinutes * 60) * (sign == '-' ? -1 : 1);
            ZoneOffset zone = ZoneOffset.ofTotalSeconds(offsetSeconds);
            return OffsetDateTime.of(LocalDateTime.of(date.getYear(), date.getMonth(), date.getDayOfMonth(),
                    hour, minute, second), zone);
        } catch (DateTimeException e) {
            throw invalidDateTime(text);
        }
    }

    /** {@code 1-Feb-1994}. */
    public static String formatDate(LocalDate date) {
        return date.getDayOfMonth() + "-" + MONTHS[date.getMonthValue() - 1] + "-" + year(date.getYear());
    }

    /** {@code 01-Feb-1994 12:00:00 +0000} (without quotes), seconds precision. */
    public static String formatDateTime(OffsetDateTime t) {
        int offset = t.getOffset().getTotalSeconds();
        int abs = Math.abs(offset);
        return String.format(Locale.ROOT, "%02d-%s-%s %02d:%02d:%02d %c%02d%02d",
                t.getDayOfMonth(), MONTHS[t.getMonthValue() - 1], year(t.getYear()),
                t.getHour(), t.getMinute(), t.getSecond(),
                offset < 0 ? '-' : '+', abs / 3600, abs / 60 % 60);
    }

    private static String year(int year) {
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("date-year is four digits: " + year);
        }
        return String.format(Locale.ROOT, "%04d", year);
    }

    private static LocalDate date(String day, String month, String year, String whole) throws ImapSyntaxException {
        int d = digits(day, 0, day.length());
        int y = year.length() == 4 ? digits(year, 0, 4) : -1;
        int m = -1;
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equalsIgnoreCase(month)) {
                m = i + 1;
            }
        }
        if (d < 0 || y < 0 || m < 0) {
            throw invalidDate(whole);
        }
        try {
            return LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
            throw invalidDate(whole);
        }
    }

    /** The decimal value of {@code length} digits at {@code from}, or -1. */
    private static int digits(String s, int from, int length) {
        if (length == 0) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static ImapSyntaxException invalidDate(String text) {
        return new ImapSyntaxException("Invalid date: " + shorten(text));
    }

    private static ImapSyntaxException invalidDateTime(String text) {
        return new ImapSyntaxException("Invalid date-time: " + shorten(text));
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
