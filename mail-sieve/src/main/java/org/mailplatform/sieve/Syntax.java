package org.mailplatform.sieve;

import java.util.List;

/** The generic syntax tree of RFC 5228 8.2, before commands and tests are checked and typed. */
final class Syntax {

    private Syntax() {
    }

    sealed interface Argument permits Tag, Number, Strings {
        int line();
    }

    record Tag(String name, int line) implements Argument {
    }

    record Number(long value, int line) implements Argument {
    }

    /** A string or a string list; {@code list} tells whether it was written in brackets. */
    record Strings(List<String> values, boolean list, int line) implements Argument {
    }

    record Test(String name, List<Argument> arguments, List<Test> tests, int line) {
    }

    /** @param block the commands in braces, or null when the command ended with ';' */
    record Command(String name, List<Argument> arguments, List<Test> tests, List<Command> block, int line) {
    }
}
