package org.mailplatform.sieve;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The addr-specs in an address header field (RFC 5322 3.4), read leniently: groups, display names,
 * comments and quoted strings are skipped; what looks like no address at all is passed on as it
 * is, as RFC 5228 5.1 asks for fields that do not parse.
 */
final class Addresses {

    private static final Pattern MAILBOX = Pattern.compile("[^\\s@<>(),;:\"\\[\\]\\\\]+@[^\\s@<>(),;:\"\\[\\]\\\\]+");

    private Addresses() {
    }

    /** Whether the string is a plain local@domain, as redirect needs (RFC 5228 4.2). */
    static boolean isMailbox(String address) {
        return address.length() <= 320 && MAILBOX.matcher(address).matches();
    }

    static List<String> parse(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        StringBuilder angle = null;
        int comment = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < value.length()) {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            if (comment > 0) {
                if (c == '\\' && i + 1 < value.length()) {
                    i++;
                } else if (c == '(') {
                    comment++;
                } else if (c == ')') {
                    comment--;
                }
                continue;
            }
            switch (c) {
                case '"' -> quoted = angle == null;
                case '(' -> comment = 1;
                case '<' -> angle = new StringBuilder();
                case '>' -> {
                    if (angle != null) {
                        current.setLength(0);
                        current.append(angle);
                        angle = null;
                    }
                }
                case ',', ';' -> {
                    add(out, current);
                    angle = null;
                }
                case ':' -> current.setLength(0);
                default -> {
                    if (angle != null) {
                        angle.append(c);
                    } else if (!Character.isWhitespace(c)) {
                        current.append(c);
                    }
                }
            }
        }
        if (angle != null) {
            current.setLength(0);
            current.append(angle);
        }
        add(out, current);
        return out;
    }

    private static void add(List<String> out, StringBuilder current) {
        String address = current.toString().strip();
        // A source route (RFC 5322 4.4 obs-route) ends in ':'; only the addr-spec after it counts.
        int route = address.lastIndexOf(':');
        if (route >= 0) {
            address = address.substring(route + 1);
        }
        if (!address.isEmpty()) {
            out.add(address);
        }
        current.setLength(0);
    }

    static String localPart(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }

    static String domain(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }
}
