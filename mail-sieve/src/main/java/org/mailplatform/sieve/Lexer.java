package org.mailplatform.sieve;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into tokens following RFC 5228 8.1: hash and bracket comments, quoted strings
 * with backslash escapes (2.4.2), multi-line {@code text:} strings with dot-stuffing, numbers with
 * K/M/G quantifiers (2.4.1), tags and identifiers.
 */
final class Lexer {

    private final String s;
    private final int maxTokens;
    private int p;
    private int line = 1;

    private Lexer(String script, int maxTokens) {
        this.s = script;
        this.maxTokens = maxTokens;
    }

    static List<Token> tokens(String script, int maxTokens) throws SieveSyntaxException {
        return new Lexer(script, maxTokens).all();
    }

    private List<Token> all() throws SieveSyntaxException {
        List<Token> out = new ArrayList<>();
        while (true) {
            Token t = next();
            out.add(t);
            if (t.kind() == Token.Kind.END) {
                return out;
            }
            if (out.size() > maxTokens) {
                throw new SieveSyntaxException(line, "script has more than " + maxTokens + " tokens");
            }
        }
    }

    private Token next() throws SieveSyntaxException {
        skipSpaceAndComments();
        if (p >= s.length()) {
            return new Token(Token.Kind.END, "", 0, line);
        }
        char c = s.charAt(p);
        int at = line;
        switch (c) {
            case '[': p++; return new Token(Token.Kind.LBRACKET, "[", 0, at);
            case ']': p++; return new Token(Token.Kind.RBRACKET, "]", 0, at);
            case '(': p++; return new Token(Token.Kind.LPAREN, "(", 0, at);
            case ')': p++; return new Token(Token.Kind.RPAREN, ")", 0, at);
            case '{': p++; return new Token(Token.Kind.LBRACE, "{", 0, at);
            case '}': p++; return new Token(Token.Kind.RBRACE, "}", 0, at);
            case ',': p++; return new Token(Token.Kind.COMMA, ",", 0, at);
            case ';': p++; return new Token(Token.Kind.SEMICOLON, ";", 0, at);
            case '"': return quoted();
            case ':': {
                p++;
                if (p >= s.length() || !identifierStart(s.charAt(p))) {
                    throw new SieveSyntaxException(at, "':' must start a tag");
                }
                return new Token(Token.Kind.TAG, ":" + identifier(), 0, at);
            }
            default:
        }
        if (c >= '0' && c <= '9') {
            return number();
        }
        if (identifierStart(c)) {
            String word = identifier();
            if (word.equalsIgnoreCase("text") && p < s.length() && s.charAt(p) == ':') {
                p++;
                return multiLine(at);
            }
            return new Token(Token.Kind.IDENTIFIER, word, 0, at);
        }
        throw new SieveSyntaxException(at, "unexpected character " + printable(c));
    }

    private void skipSpaceAndComments() throws SieveSyntaxException {
        while (p < s.length()) {
            char c = s.charAt(p);
            if (c == '\n') {
                line++;
                p++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                p++;
            } else if (c == '#') {
                while (p < s.length() && s.charAt(p) != '\n') {
                    p++;
                }
            } else if (c == '/' && p + 1 < s.length() && s.charAt(p + 1) == '*') {
                int start = line;
                int end = s.indexOf("*/", p + 2);
                if (end < 0) {
                    throw new SieveSyntaxException(start, "comment not closed with */");
                }
                countLines(p, end);
                p = end + 2;
            } else {
                return;
            }
        }
    }

    private Token quoted() throws SieveSyntaxException {
        int at = line;
        p++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (p >= s.length()) {
                throw new SieveSyntaxException(at, "string not closed with \"");
            }
            char c = s.charAt(p++);
            if (c == '"') {
                return new Token(Token.Kind.STRING, b.toString(), 0, at);
            }
            if (c == '\\') {
                if (p >= s.length()) {
                    throw new SieveSyntaxException(at, "string not closed with \"");
                }
                // RFC 5228 2.4.2: a backslash quotes the character after it, any other is kept as is.
                c = s.charAt(p++);
            }
            if (c == '\n') {
                line++;
            }
            b.append(c);
        }
    }

    private Token multiLine(int at) throws SieveSyntaxException {
        // RFC 5228 8.1: "text:" *(SP / HTAB) (hash-comment / CRLF), then lines up to a lone ".".
        while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
            p++;
        }
        if (p < s.length() && s.charAt(p) == '#') {
            while (p < s.length() && s.charAt(p) != '\n') {
                p++;
            }
        }
        if (p < s.length() && s.charAt(p) == '\r') {
            p++;
        }
        if (p >= s.length() || s.charAt(p) != '\n') {
            throw new SieveSyntaxException(at, "text: must be followed by a line break");
        }
        p++;
        line++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (p >= s.length()) {
                throw new SieveSyntaxException(at, "multi-line string not ended by a line with a single '.'");
            }
            int eol = s.indexOf('\n', p);
            int end = eol < 0 ? s.length() : eol;
            String content = s.substring(p, end);
            if (content.endsWith("\r")) {
                content = content.substring(0, content.length() - 1);
            }
            p = eol < 0 ? s.length() : eol + 1;
            if (eol >= 0) {
                line++;
            }
            if (content.equals(".")) {
                return new Token(Token.Kind.STRING, b.toString(), 0, at);
            }
            b.append(content.startsWith("..") ? content.substring(1) : content).append("\r\n");
        }
    }

    private Token number() throws SieveSyntaxException {
        int at = line;
        int start = p;
        while (p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
            p++;
        }
        String digits = s.substring(start, p);
        long shift = 0;
        if (p < s.length()) {
            switch (Character.toUpperCase(s.charAt(p))) {
                case 'K' -> { shift = 10; p++; }
                case 'M' -> { shift = 20; p++; }
                case 'G' -> { shift = 30; p++; }
                default -> { }
            }
        }
        // RFC 5228 2.4.1: numbers must be at least 2^31 - 1; larger ones are refused, not wrapped.
        if (digits.length() > 12) {
            throw new SieveSyntaxException(at, "number " + digits + " is too large");
        }
        long value = Long.parseLong(digits) << shift;
        if (value > (1L << 42)) {
            throw new SieveSyntaxException(at, "number " + digits + " is too large");
        }
        return new Token(Token.Kind.NUMBER, digits, value, at);
    }

    private String identifier() {
        int start = p;
        while (p < s.length() && (identifierStart(s.charAt(p)) || (s.charAt(p) >= '0' && s.charAt(p) <= '9'))) {
            p++;
        }
        return s.substring(start, p);
    }

    private static boolean identifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private void countLines(int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                line++;
            }
        }
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
