package org.mailplatform.smtp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only look at the header section of a raw RFC 5322 message, without parsing or copying
 * the message: enough for a server to learn which fields are present and to count trace fields.
 */
public final class MessageHeaders {

    private final byte[] message;
    private final int headerEnd;

    public MessageHeaders(byte[] message) {
        this.message = message;
        this.headerEnd = findHeaderEnd(message);
    }

    /** Length of the header section, up to and excluding the empty line (RFC 5322 2.1). */
    public int headerLength() {
        return headerEnd;
    }

    /** True when a field named {@code name} starts a line in the header section (case-insensitive). */
    public boolean has(String name) {
        return count(name) > 0;
    }

    /** How many fields are named {@code name}; RFC 5321 6.3 counts Received fields to find loops. */
    public int count(String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        int found = 0;
        int lineStart = 0;
        while (lineStart < headerEnd) {
            if (matchesFieldName(lineStart, n)) {
                found++;
            }
            int lf = indexOf((byte) '\n', lineStart, headerEnd);
            if (lf < 0) {
                break;
            }
            lineStart = lf + 1;
        }
        return found;
    }

    /** The value of the first field named {@code name}, as {@link #values} reads it, or null when there is none. */
    public String first(String name) {
        List<String> all = values(name);
        return all.isEmpty() ? null : all.getFirst();
    }

    /**
     * The values of the fields named {@code name}, in order: what follows the colon, unfolded
     * (RFC 5322 2.2.3) and without surrounding white space, read as UTF-8 (RFC 6532).
     */
    public List<String> values(String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        List<String> values = new ArrayList<>();
        int lineStart = 0;
        while (lineStart < headerEnd) {
            int lf = indexOf((byte) '\n', lineStart, headerEnd);
            int lineEnd = lf < 0 ? headerEnd : lf + 1;
            if (matchesFieldName(lineStart, n)) {
                int end = lineEnd;
                // A continuation line starts with white space (RFC 5322 2.2.3).
                while (end < headerEnd && (message[end] == ' ' || message[end] == '\t')) {
                    int next = indexOf((byte) '\n', end, headerEnd);
                    end = next < 0 ? headerEnd : next + 1;
                }
                int colon = indexOf((byte) ':', lineStart, end);
                String value = new String(message, colon + 1, end - colon - 1, StandardCharsets.UTF_8);
                values.add(value.replace("\r\n", "").replace("\n", "").strip());
                lineEnd = end;
            }
            if (lf < 0) {
                break;
            }
            lineStart = lineEnd;
        }
        return values;
    }

    private boolean matchesFieldName(int at, byte[] name) {
        if (at + name.length >= headerEnd) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            byte b = message[at + i];
            if (toLower(b) != toLower(name[i])) {
                return false;
            }
        }
        // RFC 5322 3.6.8: optional white space may stand between the name and the colon.
        int i = at + name.length;
        while (i < headerEnd && (message[i] == ' ' || message[i] == '\t')) {
            i++;
        }
        return i < headerEnd && message[i] == ':';
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (message[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int toLower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    /** Index of the CRLF CRLF (or LF LF) that ends the header section, or the message length. */
    static int findHeaderEnd(byte[] m) {
        if (m.length >= 2 && m[0] == '\r' && m[1] == '\n') {
            return 0;
        }
        for (int i = 0; i + 1 < m.length; i++) {
            if (m[i] == '\n') {
                if (m[i + 1] == '\n') {
                    return i + 1;
                }
                if (m[i + 1] == '\r' && i + 2 < m.length && m[i + 2] == '\n') {
                    return i + 1;
                }
            }
        }
        return m.length;
    }
}
