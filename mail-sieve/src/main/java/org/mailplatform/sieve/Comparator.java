package org.mailplatform.sieve;

import java.util.Locale;

/** The comparators of RFC 4790 that RFC 5228 2.7.3 and RFC 5231 name. */
enum Comparator {

    /** i;octet: the octets as they are (code point order is UTF-8 octet order). */
    OCTET("i;octet"),
    /** i;ascii-casemap: ASCII letters folded to one case first. */
    ASCII_CASEMAP("i;ascii-casemap"),
    /** i;ascii-numeric (RFC 4790 9.1): the leading digits as a number; no digits is positive infinity. */
    ASCII_NUMERIC("i;ascii-numeric");

    private final String label;

    Comparator(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static Comparator of(String label) {
        for (Comparator c : values()) {
            if (c.label.equalsIgnoreCase(label)) {
                return c;
            }
        }
        return null;
    }

    /** Whether :contains and :matches may use it (RFC 4790 9.1: i;ascii-numeric supports equality and order only). */
    boolean substrings() {
        return this != ASCII_NUMERIC;
    }

    String fold(String s) {
        return this == ASCII_CASEMAP ? asciiLower(s) : s;
    }

    boolean equal(String a, String b) {
        return compare(a, b) == 0;
    }

    int compare(String a, String b) {
        return switch (this) {
            case OCTET -> compareCodePoints(a, b);
            case ASCII_CASEMAP -> compareCodePoints(asciiLower(a), asciiLower(b));
            case ASCII_NUMERIC -> compareNumbers(a, b);
        };
    }

    static String asciiLower(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, (char) (c + 32));
            }
        }
        return b == null ? s : b.toString();
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static int compareNumbers(String a, String b) {
        String x = digits(a);
        String y = digits(b);
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : 1) : -1;
        }
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

    /** The leading digits without leading zeros, or null when the string does not start with a digit. */
    private static String digits(String s) {
        int end = 0;
        while (end < s.length() && s.charAt(end) >= '0' && s.charAt(end) <= '9') {
            end++;
        }
        if (end == 0) {
            return null;
        }
        int start = 0;
        while (start < end - 1 && s.charAt(start) == '0') {
            start++;
        }
        return s.substring(start, end);
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
