package org.mailplatform.imap.protocol;

/** Character classes of the IMAP grammar: RFC 9051 9, RFC 3501 9. */
final class ImapStrings {

    /** Quoted strings longer than this are sent as literals; long quoted lines help nobody. */
    static final int MAX_QUOTED_LENGTH = 1024;

    private ImapStrings() {
    }

    /** ATOM-CHAR: any CHAR except atom-specials {@code ( ) { SP CTL % * " \ ]}. */
    static boolean isAtomChar(int c) {
        return c > 0x20 && c < 0x7f
                && c != '(' && c != ')' && c != '{' && c != '%' && c != '*' && c != '"' && c != '\\' && c != ']';
    }

    /** ASTRING-CHAR: ATOM-CHAR / resp-specials. */
    static boolean isAstringChar(int c) {
        return c == ']' || isAtomChar(c);
    }

    /** tag: 1*(any ASTRING-CHAR except "+"). */
    static boolean isTagChar(int c) {
        return c != '+' && isAstringChar(c);
    }

    static boolean isAtom(String s) {
        return !s.isEmpty() && s.chars().allMatch(ImapStrings::isAtomChar);
    }

    /** Whether {@code s} may be sent as the atom form of an astring (and is not mistaken for NIL). */
    static boolean isAstringAtom(String s) {
        return !s.isEmpty() && !s.equalsIgnoreCase("NIL") && s.chars().allMatch(ImapStrings::isAstringChar);
    }

    /**
     * Whether {@code s} can be a quoted string: no CR, LF or NUL (RFC 9051 QUOTED-CHAR); other
     * controls are refused too, as clients display them badly; 8-bit only as UTF-8 once the client
     * enabled it (RFC 6855 3, RFC 9051 4.3).
     */
    static boolean isQuotable(String s, boolean utf8) {
        if (s.length() > MAX_QUOTED_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && !utf8) || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** The quoted form with {@code \} and {@code "} escaped; the caller checked {@link #isQuotable}. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
