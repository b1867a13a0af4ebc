package org.mailplatform.imap.sort;

/**
 * The i;ascii-casemap collation (RFC 4790 9.2), the default for SORT and THREAD (RFC 5256 3):
 * strings compare as their octets with a-z mapped to A-Z. Keys are case-mapped once, when a
 * message is loaded, and then compared by code point, which orders as UTF-8 octets do.
 */
final class Collation {

    private Collation() {
    }

    static String key(String s) {
        if (s == null) {
            return "";
        }
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'a' && chars[i] <= 'z') {
                chars[i] = (char) (chars[i] - 'a' + 'A');
            }
        }
        return new String(chars);
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
