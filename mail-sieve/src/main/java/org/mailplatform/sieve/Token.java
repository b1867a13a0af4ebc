package org.mailplatform.sieve;

/** One lexical token of a script (RFC 5228 8.1). */
record Token(Kind kind, String text, long number, int line) {

    enum Kind { IDENTIFIER, TAG, NUMBER, STRING, LBRACKET, RBRACKET, LPAREN, RPAREN, LBRACE, RBRACE, COMMA, SEMICOLON, END }

    String describe() {
        return switch (kind) {
            case IDENTIFIER -> "'" + text + "'";
            case TAG -> "tag " + text;
            case NUMBER -> "number " + number;
            case STRING -> "a string";
            case END -> "the end of the script";
            default -> "'" + text + "'";
        };
    }
}
