package org.mailplatform.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the header fields of an entity in the raw bytes.
 *
 * <p>RFC 5322 2.1 / 2.2: the header section is a run of fields, each possibly folded onto
 * continuation lines that start with WSP, ended by the first empty line. LF alone is accepted as
 * a line end next to CRLF. A line that is neither a field nor a continuation stays inside the
 * header (the header still ends only at the empty line), but yields no field. Without an empty
 * line the whole entity is header and the body is empty.
 */
final class HeaderScanner {

    private HeaderScanner() {
    }

    static HeaderBlock scan(byte[] raw, int from, int to) {
        List<HeaderField> fields = new ArrayList<>();
        int junk = 0;
        int fieldStart = -1;
        int valueStart = -1;
        String fieldName = null;
        boolean inJunk = false;
        int p = from;
        while (p < to) {
            int next = Octets.nextLine(raw, p, to);
            if (isEmptyLine(raw, p, next)) {
                if (fieldName != null) {
                    fields.add(new HeaderField(fieldName, fieldStart, valueStart, p));
                }
                return new HeaderBlock(from, fields, p, next, junk);
            }
            byte first = raw[p];
            if ((first == ' ' || first == '\t') && (fieldName != null || inJunk)) {
                p = next;
                continue;
            }
            if (fieldName != null) {
                fields.add(new HeaderField(fieldName, fieldStart, valueStart, p));
                fieldName = null;
            }
            int colon = fieldNameEnd(raw, p, next);
            if (colon < 0) {
                junk++;
                inJunk = true;
            } else {
                inJunk = false;
                fieldStart = p;
                valueStart = colon + 1;
                fieldName = Octets.latin1(raw, p, colon).strip();
            }
            p = next;
        }
        if (fieldName != null) {
            fields.add(new HeaderField(fieldName, fieldStart, valueStart, to));
        }
        return new HeaderBlock(from, fields, -1, to, junk);
    }

    private static boolean isEmptyLine(byte[] raw, int from, int next) {
        int length = next - from;
        if (length == 0) {
            return false;
        }
        if (raw[next - 1] != '\n') {
            // the last line of the entity, without LF: only a lone CR counts as empty
            return length == 1 && raw[from] == '\r';
        }
        return length == 1 || (length == 2 && raw[from] == '\r');
    }

    /**
     * RFC 5322 3.6.8: field-name = 1*ftext (printable US-ASCII except colon); obs-optional
     * (4.5.8) allows WSP before the colon. Returns the colon's index, or -1 for a junk line.
     */
    private static int fieldNameEnd(byte[] raw, int from, int to) {
        int i = from;
        while (i < to && raw[i] >= 33 && raw[i] <= 126 && raw[i] != ':') {
            i++;
        }
        if (i == from) {
            return -1;
        }
        while (i < to && (raw[i] == ' ' || raw[i] == '\t')) {
            i++;
        }
        return i < to && raw[i] == ':' ? i : -1;
    }
}
