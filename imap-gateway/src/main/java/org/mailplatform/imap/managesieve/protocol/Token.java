package org.mailplatform.imap.managesieve.protocol;

/** One element of a command (RFC 5804 4): a bare word (command name, number), a quoted string or a literal. */
public sealed interface Token {

    record Atom(String text) implements Token {
    }

    /** A quoted string, escapes removed. */
    record Quoted(byte[] bytes) implements Token {
    }

    record Literal(byte[] bytes) implements Token {
    }
}
