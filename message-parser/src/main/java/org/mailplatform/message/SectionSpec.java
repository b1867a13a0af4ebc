package org.mailplatform.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An IMAP section (RFC 3501 6.4.5, RFC 9051 6.4.5): a part path ({@code 1.2.3}, empty for the
 * whole message) and a text specifier.
 *
 * @param part   part numbers, each 1 or more; empty means the top-level message
 * @param text   what of the addressed part or message
 * @param fields the header field names of HEADER.FIELDS / HEADER.FIELDS.NOT, else empty
 */
public record SectionSpec(List<Integer> part, Text text, List<String> fields) {

    /** The section-text of RFC 3501 (NONE: just the part number, or BODY[] for the message). */
    public enum Text { NONE, HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT, TEXT, MIME }

    public SectionSpec {
        part = List.copyOf(Objects.requireNonNull(part, "part"));
        Objects.requireNonNull(text, "text");
        fields = fields == null ? List.of() : List.copyOf(fields);
        if (part.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("part numbers start at 1: " + part);
        }
        boolean fieldList = text == Text.HEADER_FIELDS || text == Text.HEADER_FIELDS_NOT;
        if (fieldList == fields.isEmpty()) {
            throw new IllegalArgumentException(fieldList ? "HEADER.FIELDS needs field names" : "only HEADER.FIELDS takes field names");
        }
        if (text == Text.MIME && part.isEmpty()) {
            // RFC 3501 6.4.5: MIME refers to the MIME header of a part, so it needs a part number
            throw new IllegalArgumentException("MIME needs a part number");
        }
    }

    public static SectionSpec of(Text text, int... part) {
        return new SectionSpec(toList(part), text, List.of());
    }

    public static SectionSpec headerFields(boolean not, List<String> fields, int... part) {
        return new SectionSpec(toList(part), not ? Text.HEADER_FIELDS_NOT : Text.HEADER_FIELDS, fields);
    }

    /**
     * Reads the text between the brackets of BODY[...], e.g. {@code 1.2.MIME} or
     * {@code HEADER.FIELDS (Subject From)}. Field names are atoms or quoted strings.
     *
     * @throws IllegalArgumentException on anything else
     */
    public static SectionSpec parse(String section) {
        String s = section.strip();
        List<Integer> part = new ArrayList<>();
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            part.add(number(s.substring(start, i)));
            if (i == s.length()) {
                break;
            }
            if (s.charAt(i) != '.' || i + 1 == s.length()) {
                throw new IllegalArgumentException("bad section: " + section);
            }
            i++;
        }
        String rest = s.substring(i);
        if (rest.isEmpty()) {
            return new SectionSpec(part, Text.NONE, List.of());
        }
        String upper = rest.toUpperCase(Locale.ROOT);
        switch (upper) {
            case "HEADER":
                return new SectionSpec(part, Text.HEADER, List.of());
            case "TEXT":
                return new SectionSpec(part, Text.TEXT, List.of());
            case "MIME":
                return new SectionSpec(part, Text.MIME, List.of());
            default:
                break;
        }
        boolean not = upper.startsWith("HEADER.FIELDS.NOT");
        if (!not && !upper.startsWith("HEADER.FIELDS")) {
            throw new IllegalArgumentException("bad section: " + section);
        }
        String list = rest.substring(not ? "HEADER.FIELDS.NOT".length() : "HEADER.FIELDS".length()).strip();
        return new SectionSpec(part, not ? Text.HEADER_FIELDS_NOT : Text.HEADER_FIELDS, fieldNames(list, section));
    }

    private static List<String> fieldNames(String list, String section) {
        if (!list.startsWith("(") || !list.endsWith(")")) {
            throw new IllegalArgumentException("bad header list: " + section);
        }
        List<String> names = new ArrayList<>();
        String inner = list.substring(1, list.length() - 1);
        int i = 0;
        while (i < inner.length()) {
            char c = inner.charAt(i);
            if (c == ' ') {
                i++;
            } else if (c == '"') {
                int close = inner.indexOf('"', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("bad header list: " + section);
                }
                names.add(inner.substring(i + 1, close));
                i = close + 1;
            } else {
                int end = inner.indexOf(' ', i);
                end = end < 0 ? inner.length() : end;
                names.add(inner.substring(i, end));
                i = end;
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("empty header list: " + section);
        }
        return names;
    }

    private static int number(String digits) {
        try {
            int n = Integer.parseInt(digits);
            if (n < 1) {
                throw new IllegalArgumentException("part numbers start at 1: " + digits);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("part number too large: " + digits, e);
        }
    }

    private static List<Integer> toList(int... part) {
        List<Integer> list = new ArrayList<>(part.length);
        for (int n : part) {
            list.add(n);
        }
        return list;
    }
}
