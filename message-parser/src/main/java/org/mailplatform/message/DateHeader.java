package org.mailplatform.message;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Date header (RFC 5322 3.3 date-time, with the obsolete forms of 4.3) keeping its zone
 * offset, which SENTON and friends need. Anything that does not read as a real date gives null.
 */
final class DateHeader {

    private static final Pattern DATE = Pattern.compile(
            "^\\s*(?:[A-Za-z]+\\s*,?\\s*)?(\\d{1,2})[\\s-]+([A-Za-z]{3})[A-Za-z]*\\.?[\\s-]+(\\d{2,4})"
                    + "\\s+(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2}))?(?:\\.\\d+)?\\s*([+-]\\d{4}|[A-Za-z]+)?");

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8),
            Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));

    // RFC 5322 4.3 obs-zone
    private static final Map<String, Integer> ZONES = Map.ofEntries(
            Map.entry("ut", 0), Map.entry("gmt", 0), Map.entry("z", 0),
            Map.entry("est", -5), Map.entry("edt", -4), Map.entry("cst", -6), Map.entry("cdt", -5),
            Map.entry("mst", -7), Map.entry("mdt", -6), Map.entry("pst", -8), Map.entry("pdt", -7));

    private DateHeader() {
    }

    static OffsetDateTime parse(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = DATE.matcher(ParameterizedValue.stripComments(value));
        if (!m.find()) {
            return null;
        }
        Integer month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
        if (month == null) {
            return null;
        }
        try {
            int day = Integer.parseInt(m.group(1));
            int year = year(m.group(3));
            int hour = Integer.parseInt(m.group(4));
            int minute = Integer.parseInt(m.group(5));
            // RFC 5322 3.3 allows second 60 (a leap second)
            int second = m.group(6) == null ? 0 : Math.min(59, Integer.parseInt(m.group(6)));
            return OffsetDateTime.of(year, month, day, hour, minute, second, 0, zone(m.group(7)));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** RFC 5322 4.3: two-digit years 00-49 are 20xx, 50-99 are 19xx; three digits add 1900. */
    private static int year(String digits) {
        int year = Integer.parseInt(digits);
        if (digits.length() == 2) {
            return year < 50 ? 2000 + year : 1900 + year;
        }
        if (digits.length() == 3) {
            return 1900 + year;
        }
        return year;
    }

    private static ZoneOffset zone(String zone) {
        if (zone == null) {
            return ZoneOffset.UTC;
        }
        if (zone.charAt(0) == '+' || zone.charAt(0) == '-') {
            int hours = Integer.parseInt(zone.substring(1, 3));
            int minutes = Integer.parseInt(zone.substring(3, 5));
            int sign = zone.charAt(0) == '-' ? -1 : 1;
            if (hours > 18 || minutes > 59) {
                return ZoneOffset.UTC;
            }
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        }
        // RFC 5322 4.3: military and unknown zones are read as -0000 (no zone information)
        return ZoneOffset.ofHours(ZONES.getOrDefault(zone.toLowerCase(Locale.ROOT), 0));
    }
}
