package org.mailplatform.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A structured header value of the form {@code value *(";" name "=" value)}: Content-Type
 * (RFC 2045 5.1) and Content-Disposition (RFC 2183 2). Read leniently, as mailers write it:
 * unquoted values may hold tspecials (e.g. an unquoted {@code boundary=----=_Part_1}), a missing
 * closing quote runs to the end, segments without "=" are skipped, the first of duplicate names wins.
 *
 * @param value      the part before the first ";", comments removed, trimmed, lowercased
 * @param parameters name lowercased, value unquoted, octet-per-char
 */
record ParameterizedValue(String value, List<Parameter> parameters) {

    static ParameterizedValue parse(String header) {
        List<String> segments = splitOutsideQuotes(header);
        String value = stripComments(segments.getFirst()).strip().toLowerCase(Locale.ROOT);
        List<Parameter> parameters = new ArrayList<>();
        for (String segment : segments.subList(1, segments.size())) {
            int eq = segment.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = segment.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c == '"')) {
                continue;
            }
            boolean seen = parameters.stream().anyMatch(p -> p.name().equals(name));
            if (!seen) {
                parameters.add(new Parameter(name, parameterValue(segment.substring(eq + 1).strip())));
            }
        }
        return new ParameterizedValue(value, parameters);
    }

    private static String parameterValue(String text) {
        if (text.startsWith("\"")) {
            StringBuilder out = new StringBuilder(text.length());
            for (int i = 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length()) {
                    out.append(text.charAt(++i));
                } else if (c == '"') {
                    break;
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
        // "us-ascii (Plain text)": a comment after whitespace; "file(1).pdf" keeps its parentheses
        int comment = text.indexOf(" (");
        if (comment < 0) {
            comment = text.indexOf("\t(");
        }
        return (comment < 0 ? text : text.substring(0, comment)).strip();
    }

    private static List<String> splitOutsideQuotes(String header) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (quoted && c == '\\' && i + 1 < header.length()) {
                current.append(c).append(header.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                segments.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        segments.add(current.toString());
        return segments;
    }

    static String stripComments(String text) {
        if (text.indexOf('(') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                if (depth == 0) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (c == '"' && depth == 0) {
                quoted = !quoted;
                out.append(c);
            } else if (c == '(' && !quoted) {
                depth++;
            } else if (c == ')' && !quoted && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
