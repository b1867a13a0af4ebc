package org.mailplatform.msgauth.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The canonical forms a DKIM verifier hashes (RFC 6376 3.4). Line ends are taken as CRLF whether
 * the input has CRLF or a bare LF, and always written as CRLF.
 */
public final class DkimCanonicalizer {

    private DkimCanonicalizer() {
    }

    /**
     * One header field, its line end included, in {@code simple} (3.4.1: unchanged) or
     * {@code relaxed} (3.4.2) form.
     */
    public static byte[] header(String canon, byte[] field) {
        if (canon.equals("simple")) {
            return field;
        }
        int colon = indexOf(field, (byte) ':');
        String name = new String(field, 0, colon, StandardCharsets.ISO_8859_1).strip().toLowerCase(java.util.Locale.ROOT);
        ByteArrayOutputStream value = new ByteArrayOutputStream(field.length);
        boolean space = false;
        for (int i = colon + 1; i < field.length; i++) {
            byte b = field[i];
            if (b == '\r' || b == '\n') {
                // 3.4.2: unfold all header field continuation lines.
                continue;
            }
            if (b == ' ' || b == '\t') {
                space = true;
                continue;
            }
            if (space && value.size() > 0) {
                value.write(' ');
            }
            space = false;
            value.write(b);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(field.length);
        out.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
        out.write(':');
        out.writeBytes(value.toByteArray());
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    /** The header form with its final CRLF removed: how the DKIM-Signature field itself is hashed (3.7). */
    public static byte[] signatureHeader(String canon, byte[] field) {
        byte[] full = header(canon, field);
        int end = full.length;
        if (end >= 2 && full[end - 2] == '\r' && full[end - 1] == '\n') {
            end -= 2;
        } else if (end >= 1 && full[end - 1] == '\n') {
            end -= 1;
        }
        byte[] out = new byte[end];
        System.arraycopy(full, 0, out, 0, end);
        return out;
    }

    /**
     * The body from {@code start} in {@code simple} (3.4.3) or {@code relaxed} (3.4.4) form. Empty
     * lines at the end are dropped; an empty simple body is a single CRLF, an empty relaxed body
     * is empty.
     */
    public static byte[] body(String canon, byte[] message, int start) {
        boolean relaxed = canon.equals("relaxed");
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(16, message.length - start));
        int pendingEmptyLines = 0;
        int p = start;
        while (p < message.length) {
            int lf = p;
            while (lf < message.length && message[lf] != '\n') {
                lf++;
            }
            int end = lf;
            if (end > p && message[end - 1] == '\r' && lf < message.length) {
                end--;
            }
            byte[] line = relaxed ? relaxedLine(message, p, end) : slice(message, p, end);
            if (line.length == 0) {
                pendingEmptyLines++;
            } else {
                for (int i = 0; i < pendingEmptyLines; i++) {
                    out.write('\r');
                    out.write('\n');
                }
                pendingEmptyLines = 0;
                out.writeBytes(line);
                out.write('\r');
                out.write('\n');
            }
            p = lf + 1;
        }
        if (out.size() == 0 && !relaxed) {
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** The field with the value of its b= tag removed, every other byte kept (RFC 6376 3.7; RFC 8617 5.1.1). */
    public static byte[] withoutSignatureValue(byte[] field) {
        String text = new String(field, StandardCharsets.ISO_8859_1);
        int valueEnd = text.length();
        while (valueEnd > 0 && (text.charAt(valueEnd - 1) == '\n' || text.charAt(valueEnd - 1) == '\r')) {
            valueEnd--;
        }
        int segmentStart = text.indexOf(':') + 1;
        while (segmentStart <= valueEnd) {
            int semicolon = text.indexOf(';', segmentStart);
            int segmentEnd = semicolon < 0 || semicolon > valueEnd ? valueEnd : semicolon;
            int eq = text.indexOf('=', segmentStart);
            if (eq >= 0 && eq < segmentEnd && text.substring(segmentStart, eq).strip().equals("b")) {
                return (text.substring(0, eq + 1) + text.substring(segmentEnd)).getBytes(StandardCharsets.ISO_8859_1);
            }
            segmentStart = segmentEnd + 1;
        }
        return field;
    }

    /** 3.4.4: white space at the line end goes, runs of white space inside become one SP. */
    private static byte[] relaxedLine(byte[] b, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        boolean space = false;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == ' ' || c == '\t') {
                space = true;
                continue;
            }
            if (space) {
                out.write(' ');
            }
            space = false;
            out.write(c);
        }
        return out.toByteArray();
    }

    private static byte[] slice(byte[] b, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(b, from, out, 0, out.length);
        return out;
    }

    private static int indexOf(byte[] b, byte c) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
