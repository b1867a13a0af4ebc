package org.mailplatform.pop3.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One command line split per RFC 1939 3: a case-insensitive keyword, then arguments separated by
 * single spaces. Runs of spaces and trailing spaces are tolerated (clients differ); PASS needs the
 * text after the keyword verbatim, since a password may contain spaces (RFC 1939 7).
 *
 * @param keyword   upper-cased; empty for an empty line
 * @param arguments the space-separated arguments
 * @param rest      everything after the keyword and its one separating space, unchanged
 */
public record Pop3CommandLine(String keyword, List<String> arguments, String rest) {

    public Pop3CommandLine {
        arguments = List.copyOf(arguments);
    }

    /** Parses the bytes of a line (terminator removed). Bytes outside US-ASCII make the keyword unknown. */
    public static Pop3CommandLine parse(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        int space = text.indexOf(' ');
        String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String rest = space < 0 ? "" : text.substring(space + 1);
        String trimmed = rest.strip();
        List<String> arguments = trimmed.isEmpty() ? List.of() : List.of(trimmed.split(" +"));
        return new Pop3CommandLine(keyword, arguments, rest);
    }

    public int argumentCount() {
        return arguments.size();
    }

    public String argument(int index) {
        return arguments.get(index);
    }

    /** Refuses a line with more than {@code max} or fewer than {@code min} arguments. */
    public void requireArguments(int min, int max) throws Pop3Error {
        if (arguments.size() < min) {
            throw new Pop3Error("Missing argument");
        }
        if (arguments.size() > max) {
            throw new Pop3Error("Too many arguments");
        }
    }
}
