package org.mailplatform.message;

import java.util.ArrayList;
import java.util.List;

/**
 * A lexical token of an RFC 5322 address header (3.2): atom, quoted-string, comment,
 * domain-literal or one special character. {@code text} is the content (quoted-string unescaped,
 * comment without parentheses), {@code raw} the source text, {@code spaceBefore} whether white
 * space preceded it. Any other octet, 8-bit included, is read as part of an atom.
 */
record AddressToken(Kind kind, String text, String raw, boolean spaceBefore) {

    enum Kind { ATOM, QUOTED, COMMENT, LITERAL, SPECIAL }

    private static final String SPECIALS = "<>@,;:.]";

    boolean is(char special) {
        return kind == Kind.SPECIAL && text.charAt(0) == special;
    }

    static List<AddressToken> tokenize(String s) {
        List<AddressToken> tokens = new ArrayList<>();
        boolean space = false;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                space = true;
                i++;
                continue;
            }
            int start = i;
            if (c == '"') {
                StringBuilder text = new StringBuilder();
                i++;
                while (i < n && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    text.append(s.charAt(i++));
                }
                i = Math.min(n, i + 1);
                tokens.add(new AddressToken(Kind.QUOTED, text.toString(), s.substring(start, i), space));
            } else if (c == '(') {
                StringBuilder text = new StringBuilder();
                int depth = 1;
                i++;
                while (i < n && depth > 0) {
                    char d = s.charAt(i);
                    if (d == '\\' && i + 1 < n) {
                        text.append(s.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    if (d == '(') {
                        depth++;
                    } else if (d == ')' && --depth == 0) {
                        i++;
                        break;
                    }
                    text.append(d);
                    i++;
                }
                tokens.add(new AddressToken(Kind.COMMENT, text.toString().strip(), s.substring(start, i), space));
            } else if (c == '[') {
                int close = s.indexOf(']', i);
                i = close < 0 ? n : close + 1;
                String raw = s.substring(start, i);
                tokens.add(new AddressToken(Kind.LITERAL, raw, raw, space));
            } else if (SPECIALS.indexOf(c) >= 0) {
                i++;
                tokens.add(new AddressToken(Kind.SPECIAL, String.valueOf(c), String.valueOf(c), space));
            } else {
                while (i < n && !endsAtom(s.charAt(i))) {
                    i++;
                }
                String raw = s.substring(start, i);
                tokens.add(new AddressToken(Kind.ATOM, raw, raw, space));
            }
            space = false;
        }
        return tokens;
    }

    private static boolean endsAtom(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '"' || c == '(' || c == '['
                || SPECIALS.indexOf(c) >= 0;
    }
}
