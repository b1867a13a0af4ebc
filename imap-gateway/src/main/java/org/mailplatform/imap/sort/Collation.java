package org.mailplatform.imap.sort;

import java.text.Normalizer;

/**
 * The i;unicode-casemap collation (RFC 5051), which SORT and THREAD use (RFC 5256 1 requires the
 * collation of I18NLEVEL=1, RFC 5255 4.1): each character titlecased and decomposed (NFKD), the
 * strings compared as UTF-8 octets. Keys are mapped once, when a message is loaded, and then
 * compared by code point, which orders as UTF-8 octets do.
 */
final class Collation {

    private Collation() {
    }

    static String key(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        // Titlecased again after decomposing: a compatibility form (the ligature "fi") decomposes to lower case.
        return titlecase(Normalizer.normalize(titlecase(s), Normalizer.Form.NFKD));
    }

    private static String titlecase(CharSequence s) {
        StringBuilder titled = new StringBuilder(s.length());
        s.codePoints().forEach(c -> titled.appendCodePoint(Character.toTitleCase(c)));
        return titled.toString();
    }

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
