package org.mailplatform.sieve;

/** A script that cannot run: a syntax error, an unknown command or extension, a bad argument or a limit. */
public final class SieveSyntaxException extends Exception {

    private final int line;

    public SieveSyntaxException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    /** The 1-based line the problem is on. */
    public int line() {
        return line;
    }
}
