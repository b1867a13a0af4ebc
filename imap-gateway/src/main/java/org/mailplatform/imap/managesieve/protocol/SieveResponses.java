package org.mailplatform.imap.managesieve.protocol;

import java.nio.charset.StandardCharsets;

/** The server's strings and response lines (RFC 5804 4, "response" and "string"). */
public final class SieveResponses {

    /** RFC 5804 4: a quoted string carries at most 1024 octets. */
    public static final int MAX_QUOTED = 1024;

    private SieveResponses() {
    }

    /**
     * A string as a quoted string where it can be one, otherwise as a literal {@code {n}CRLF...}
     * (RFC 5804 4 literal-s2c): CR, LF and NUL cannot be quoted.
     */
    public static String string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_QUOTED || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            return "{" + utf8.length + "}\r\n" + value;
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code OK}, {@code NO} or {@code BYE}, an optional response code, optional text, CRLF. */
    public static String response(String kind, String code, String text) {
        StringBuilder line = new StringBuilder(kind);
        if (code != null) {
            line.append(" (").append(code).append(')');
        }
        if (text != null && !text.isEmpty()) {
            line.append(' ').append(string(text));
        }
        return line.append("\r\n").toString();
    }
}
