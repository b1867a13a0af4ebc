package org.mailplatform.store.sieve;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A cheap structural check of a Sieve script (RFC 5228), for use until the interpreter's own
 * validation is wired in: strings, comments and brackets are well formed, and every capability named
 * by {@code require} is one of {@link #EXTENSIONS}. It does not check commands, tests or arguments.
 */
public final class BasicSieveValidator implements SieveValidator {

    public static final List<String> EXTENSIONS = List.of("fileinto", "reject", "envelope", "encoded-character",
            "vacation", "imap4flags", "body", "variables", "relational", "comparator-i;ascii-numeric", "copy",
            "spamtest", "ereject", "mailbox");

    /** RFC 5228 2.7.2: these comparators are always available and may be required without being listed. */
    private static final Set<String> BUILT_IN = Set.of("comparator-i;octet", "comparator-i;ascii-casemap");

    private final List<String> extensions;

    public BasicSieveValidator() {
        this(EXTENSIONS);
    }

    public BasicSieveValidator(List<String> extensions) {
        this.extensions = List.copyOf(extensions);
    }

    @Override
    public List<String> extensions() {
        return extensions;
    }

    @Override
    public Optional<String> problems(String script) {
        Scan scan = new Scan(script);
        String problem = scan.run();
        if (problem != null) {
            return Optional.of("line " + scan.line + ": " + problem);
        }
        Set<String> known = new HashSet<>(extensions);
        known.addAll(BUILT_IN);
        for (Scan.Required required : scan.required) {
            if (!known.contains(required.name())) {
                return Optional.of("line " + required.line() + ": unsupported extension \"" + required.name()
                        + "\" (RFC 5228 3.2)");
            }
        }
        return Optional.empty();
    }

    /** One pass over the script: tokens only as far as brackets, strings, comments and require need. */
    private static final class Scan {

        record Required(String name, int line) {
        }

        private final String text;
        private final List<Required> required = new ArrayList<>();
        private final StringBuilder brackets = new StringBuilder();
        private int position;
        private int line = 1;
        /** The last identifier, and whether the tokens since it are still the arguments of a require. */
        private boolean inRequire;

        Scan(String text) {
            this.text = text;
        }

        String run() {
            while (position < text.length()) {
                char c = text.charAt(position);
                if (c == '\n') {
                    line++;
                    position++;
                } else if (c == '#') {
                    skipLineComment();
                } else if (c == '/' && peek(1) == '*') {
                    String problem = skipBlockComment();
                    if (problem != null) {
                        return problem;
                    }
                } else if (c == '"') {
                    int start = line;
                    String value = quoted();
                    if (value == null) {
                        line = start;
                        return "unterminated string (RFC 5228 2.4.2)";
                    }
                    requireArgument(value, start);
                } else if (c == 't' && text.startsWith("text:", position)) {
                    int start = line;
                    String value = multiLine();
                    if (value == null) {
                        line = start;
                        return "unterminated multi-line string (RFC 5228 2.4.2)";
                    }
                    requireArgument(value, start);
                } else if (c == '{' || c == '(' || c == '[') {
                    brackets.append(c);
                    position++;
                } else if (c == '}' || c == ')' || c == ']') {
                    char open = c == '}' ? '{' : c == ')' ? '(' : '[';
                    if (brackets.isEmpty() || brackets.charAt(brackets.length() - 1) != open) {
                        return "unexpected '" + c + "'";
                    }
                    brackets.setLength(brackets.length() - 1);
                    position++;
                    if (c == '}') {
                        inRequire = false;
                    }
                } else if (c == ';') {
                    inRequire = false;
                    position++;
                } else if (Character.isLetter(c) || c == '_') {
                    int start = position;
                    while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position))
                            || text.charAt(position) == '_')) {
                        position++;
                    }
                    String word = text.substring(start, position);
                    inRequire = word.equalsIgnoreCase("require");
                } else if (c == ',' || c == ':' || Character.isWhitespace(c) || Character.isDigit(c)) {
                    position++;
                } else {
                    return "unexpected character '" + (Character.isISOControl(c) ? "\\u%04x".formatted((int) c)
                            : String.valueOf(c)) + "'";
                }
            }
            if (!brackets.isEmpty()) {
                return "'" + brackets.charAt(brackets.length() - 1) + "' is never closed";
            }
            return null;
        }

        private void requireArgument(String value, int at) {
            if (inRequire) {
                required.add(new Required(value, at));
            }
        }

        private char peek(int ahead) {
            return position + ahead < text.length() ? text.charAt(position + ahead) : '\0';
        }

        private void skipLineComment() {
            while (position < text.length() && text.charAt(position) != '\n') {
                position++;
            }
        }

        private String skipBlockComment() {
            int end = text.indexOf("*/", position + 2);
            if (end < 0) {
                return "unterminated comment (RFC 5228 2.3)";
            }
            countLines(position, end + 2);
            position = end + 2;
            return null;
        }

        /** RFC 5228 2.4.2: only \" and \\ mean something; any other backslash stands for the character after it. */
        private String quoted() {
            StringBuilder value = new StringBuilder();
            position++;
            while (position < text.length()) {
                char c = text.charAt(position++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\' && position < text.length()) {
                    c = text.charAt(position++);
                }
                if (c == '\n') {
                    line++;
                }
                value.append(c);
            }
            return null;
        }

        /** RFC 5228 2.4.2: "text:" to a line holding a single "."; the value is not needed here. */
        private String multiLine() {
            int eol = text.indexOf('\n', position);
            if (eol < 0) {
                return null;
            }
            int from = eol + 1;
            line++;
            while (from <= text.length()) {
                int next = text.indexOf('\n', from);
                String row = text.substring(from, next < 0 ? text.length() : next);
                if (row.equals(".") || row.equals(".\r")) {
                    position = next < 0 ? text.length() : next + 1;
                    line++;
                    return "";
                }
                if (next < 0) {
                    return null;
                }
                line++;
                from = next + 1;
            }
            return null;
        }

        private void countLines(int from, int to) {
            for (int i = from; i < to; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
        }
    }
}
