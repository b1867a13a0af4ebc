package org.mailplatform.records;

import java.util.regex.Pattern;

/** Argument checks shared by the record types; each failure names the field. */
final class Checks {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Checks() {
    }

    static String token(String value, String field) {
        if (value == null || !TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 1-64 characters of A-Z a-z 0-9 . _ -, got " + quote(value));
        }
        return value;
    }

    static String text(String value, String field, int maxLength) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return optionalText(value, field, maxLength);
    }

    /**
     * Null stays null. Control characters are refused: these values are written into header lines
     * later (RFC 5322 2.2: a header field body has no CR or LF of its own).
     */
    static String optionalText(String value, String field, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException(field + " contains control character 0x" + Integer.toHexString(c));
            }
        }
        return value;
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private static String quote(String value) {
        return value == null ? "null" : '"' + (value.length() > 80 ? value.substring(0, 80) + "..." : value) + '"';
    }
}
