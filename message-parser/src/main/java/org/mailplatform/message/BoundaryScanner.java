package org.mailplatform.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the delimiter lines of a multipart body (RFC 2046 5.1.1): "--" boundary at the start of a
 * line, "--" more for the close delimiter, then only transport padding (SP / HTAB) up to the line
 * end. Requiring the line to end there keeps an inner boundary that merely starts with the outer
 * one from being taken for it. Scanning stops at the first close delimiter.
 */
final class BoundaryScanner {

    /** A delimiter line: {@code lineStart} is its first "-", {@code lineEnd} the byte after its LF. */
    record Delimiter(int lineStart, int lineEnd, boolean close) {
    }

    private BoundaryScanner() {
    }

    static List<Delimiter> find(byte[] raw, int from, int to, byte[] boundary) {
        List<Delimiter> delimiters = new ArrayList<>();
        int p = from;
        while (p < to) {
            Delimiter d = delimiterAt(raw, p, to, boundary);
            if (d != null) {
                delimiters.add(d);
                if (d.close()) {
                    break;
                }
                p = d.lineEnd();
            } else {
                p = Octets.nextLine(raw, p, to);
            }
        }
        return delimiters;
    }

    private static Delimiter delimiterAt(byte[] raw, int p, int to, byte[] boundary) {
        int q = p + 2 + boundary.length;
        if (q > to || raw[p] != '-' || raw[p + 1] != '-') {
            return null;
        }
        for (int i = 0; i < boundary.length; i++) {
            if (raw[p + 2 + i] != boundary[i]) {
                return null;
            }
        }
        boolean close = q + 1 < to && raw[q] == '-' && raw[q + 1] == '-';
        if (close) {
            q += 2;
        }
        while (q < to && (raw[q] == ' ' || raw[q] == '\t')) {
            q++;
        }
        if (q == to) {
            return new Delimiter(p, to, close);
        }
        if (raw[q] == '\n') {
            return new Delimiter(p, q + 1, close);
        }
        if (raw[q] == '\r' && (q + 1 == to || raw[q + 1] == '\n')) {
            return new Delimiter(p, Math.min(to, q + 2), close);
        }
        return null;
    }

    /**
     * RFC 2046 5.1.1: the CRLF before a delimiter belongs to the delimiter, so a part's content
     * ends before it (but never before the part starts).
     */
    static int contentEnd(byte[] raw, int delimiterStart, int partStart) {
        int end = delimiterStart;
        if (end > partStart && raw[end - 1] == '\n') {
            end--;
            if (end > partStart && raw[end - 1] == '\r') {
                end--;
            }
        }
        return end;
    }
}
