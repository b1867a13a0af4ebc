package org.mailplatform.msgauth.results;

import java.util.Locale;

import org.mailplatform.msgauth.HeaderSection;

/**
 * RFC 8601 5: a border MTA deletes incoming Authentication-Results fields that carry its own
 * authserv-id, so that a sender cannot forge this server's verdicts. Fields with other ids, and
 * fields whose id cannot be read, are left alone.
 */
public final class ForgedResultsFilter {

    private final String authservId;

    public ForgedResultsFilter(String authservId) {
        this.authservId = authservId.toLowerCase(Locale.ROOT);
    }

    /** The message without the fields claiming this authserv-id; the same array when there are none. */
    public byte[] apply(byte[] message) {
        HeaderSection header = HeaderSection.of(message);
        boolean any = header.fields().stream().anyMatch(f -> claimsUs(header, f));
        return any ? header.without(f -> claimsUs(header, f)) : message;
    }

    /** How many fields in the message claim this authserv-id. */
    public long count(byte[] message) {
        HeaderSection header = HeaderSection.of(message);
        return header.fields().stream().filter(f -> claimsUs(header, f)).count();
    }

    private boolean claimsUs(HeaderSection header, HeaderSection.Field field) {
        if (!field.named(AuthenticationResults.FIELD_NAME)) {
            return false;
        }
        String id = authservIdOf(header.value(field));
        return id != null && id.toLowerCase(Locale.ROOT).equals(authservId);
    }

    /** RFC 8601 2.2: the authserv-id is the first value (token or quoted-string) after optional CFWS. */
    public static String authservIdOf(String value) {
        int i = skipCfws(value, 0);
        if (i >= value.length()) {
            return null;
        }
        if (value.charAt(i) == '"') {
            StringBuilder s = new StringBuilder();
            for (int j = i + 1; j < value.length(); j++) {
                char c = value.charAt(j);
                if (c == '\\' && j + 1 < value.length()) {
                    s.append(value.charAt(++j));
                } else if (c == '"') {
                    return s.toString();
                } else {
                    s.append(c);
                }
            }
            return null;
        }
        int end = i;
        while (end < value.length() && " \t;()\"".indexOf(value.charAt(end)) < 0) {
            end++;
        }
        return end > i ? value.substring(i, end) : null;
    }

    private static int skipCfws(String s, int from) {
        int i = from;
        int depth = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && depth > 0) {
                i += 2;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0 && c != ' ' && c != '\t') {
                return i;
            }
            i++;
        }
        return i;
    }
}
