package org.mailplatform.imap.protocol;

/**
 * Modified UTF-7, the IMAP4rev1 mailbox name encoding (RFC 3501 5.1.3): printable US-ASCII
 * stands for itself except {@code &}, written {@code &-}; everything else is UTF-16 in modified
 * BASE64 ({@code ,} instead of {@code /}, no padding) between {@code &} and {@code -}.
 * Decoding is strict, so each name has exactly one wire form and a client cannot create two
 * names that look the same.
 */
public final class ModifiedUtf7 {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".toCharArray();
    private static final int[] VALUES = new int[128];

    static {
        java.util.Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = i;
        }
    }

    private ModifiedUtf7() {
    }

    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c == '&') {
                out.append("&-");
                i++;
            } else if (printable(c)) {
                out.append(c);
                i++;
            } else {
                int end = i;
                while (end < name.length() && !printable(name.charAt(end))) {
                    end++;
                }
                out.append('&');
                encodeRun(name, i, end, out);
                out.append('-');
                i = end;
            }
        }
        return out.toString();
    }

    private static void encodeRun(String s, int from, int to, StringBuilder out) {
        int bits = 0;
        int buffer = 0;
        for (int i = from; i < to; i++) {
            buffer = (buffer << 16) | s.charAt(i);
            bits += 16;
            while (bits >= 6) {
                bits -= 6;
                out.append(ALPHABET[(buffer >> bits) & 0x3f]);
            }
            buffer &= (1 << bits) - 1;
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (6 - bits)) & 0x3f]);
        }
    }

    /** Decodes a wire name; throws for anything that is not the canonical modified UTF-7 form. */
    public static String decode(String wire) throws ImapSyntaxException {
        StringBuilder out = new StringBuilder(wire.length());
        int i = 0;
        boolean previousWasShift = false;
        while (i < wire.length()) {
            char c = wire.charAt(i);
            if (!printable(c)) {
                throw invalid("8-bit or control character in a modified UTF-7 name");
            }
            if (c != '&') {
                out.append(c);
                previousWasShift = false;
                i++;
                continue;
            }
            int end = wire.indexOf('-', i + 1);
            if (end < 0) {
                throw invalid("unterminated & sequence");
            }
            if (end == i + 1) {
                out.append('&');
                previousWasShift = false;
            } else {
                // RFC 3501 5.1.3: adjacent shifted sequences are not permitted; they are one sequence.
                if (previousWasShift) {
                    throw invalid("adjacent & sequences");
                }
                decodeRun(wire, i + 1, end, out);
                previousWasShift = true;
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static void decodeRun(String s, int from, int to, StringBuilder out) throws ImapSyntaxException {
        int bits = 0;
        int buffer = 0;
        int start = out.length();
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int v = c < 128 ? VALUES[c] : -1;
            if (v < 0) {
                throw invalid("character '" + c + "' in a BASE64 run");
            }
            buffer = (buffer << 6) | v;
            bits += 6;
            if (bits >= 16) {
                bits -= 16;
                out.append((char) ((buffer >> bits) & 0xffff));
                buffer &= (1 << bits) - 1;
            }
        }
        // Leftover bits are padding: fewer than six and all zero in the canonical form.
        if (bits >= 6 || buffer != 0 || out.length() == start) {
            throw invalid("bad BASE64 run length or padding");
        }
        for (int i = start; i < out.length(); i++) {
            char c = out.charAt(i);
            // RFC 3501 5.1.3: printable US-ASCII MUST represent itself, never be encoded.
            if (printable(c)) {
                throw invalid("encoded printable US-ASCII");
            }
            if (Character.isHighSurrogate(c) ? i + 1 >= out.length() || !Character.isLowSurrogate(out.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == start || !Character.isHighSurrogate(out.charAt(i - 1)))) {
                throw invalid("broken UTF-16 surrogate pair");
            }
        }
    }

    private static boolean printable(char c) {
        return c >= 0x20 && c <= 0x7e;
    }

    private static ImapSyntaxException invalid(String why) {
        return new ImapSyntaxException("Invalid mailbox name (modified UTF-7): " + why);
    }
}
