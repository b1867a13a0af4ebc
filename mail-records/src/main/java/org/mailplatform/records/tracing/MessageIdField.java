package org.mailplatform.records.tracing;

import java.nio.charset.StandardCharsets;

/**
 * Finds the Message-ID field (RFC 5322 3.6.4) in a raw message's header section, for tagging
 * spans: no parsing beyond the field, at most {@value #SCAN_LIMIT} bytes looked at.
 */
final class MessageIdField {

    static final int SCAN_LIMIT = 64 * 1024;
    private static final int MAX_VALUE = 998;
    private static final byte[] NAME = "message-id".getBytes(StandardCharsets.US_ASCII);

    private MessageIdField() {
    }

    /** The field's value, unfolded and trimmed, or null when the header section has none. */
    static String of(byte[] message) {
        int end = Math.min(message.length, SCAN_LIMIT);
        int line = 0;
        while (line < end) {
            if (message[line] == '\r' || message[line] == '\n') {
                return null; // RFC 5322 2.1: the empty line ends the header section
            }
            if (isField(message, line, end)) {
                return value(message, line + NAME.length, end);
            }
            line = nextLine(message, line, end);
        }
        return null;
    }

    private static boolean isField(byte[] m, int at, int end) {
        if (at + NAME.length >= end) {
            return false;
        }
        for (int i = 0; i < NAME.length; i++) {
            if (Character.toLowerCase(m[at + i]) != NAME[i]) {
                return false;
            }
        }
        int i = at + NAME.length;
        while (i < end && (m[i] == ' ' || m[i] == '\t')) {
            i++;
        }
        return i < end && m[i] == ':';
    }

    private static String value(byte[] m, int from, int end) {
        int colon = from;
        while (m[colon] != ':') {
            colon++;
        }
        StringBuilder out = new StringBuilder();
        int i = colon + 1;
        while (i < end && out.length() < MAX_VALUE) {
            byte b = m[i];
            if (b == '\r' || b == '\n') {
                int next = b == '\r' && i + 1 < end && m[i + 1] == '\n' ? i + 2 : i + 1;
                // RFC 5322 2.2.3: a line starting with white space continues the field.
                if (next < end && (m[next] == ' ' || m[next] == '\t')) {
                    i = next;
                    continue;
                }
                break;
            }
            out.append((char) (b & 0xff));
            i++;
        }
        String v = out.toString().strip();
        return v.isEmpty() ? null : v;
    }

    private static int nextLine(byte[] m, int at, int end) {
        for (int i = at; i < end; i++) {
            if (m[i] == '\n') {
                return i + 1;
            }
        }
        return end;
    }
}
