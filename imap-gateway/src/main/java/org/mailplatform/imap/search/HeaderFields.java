package org.mailplatform.imap.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * The fields of a header section for SEARCH: unfolded (RFC 5322 2.2.3), 8-bit read as UTF-8
 * (RFC 6532), encoded words decoded (RFC 2047), so a search string matches what the user sees.
 */
public final class HeaderFields {

    public record Field(String name, String value) {
    }

    private HeaderFields() {
    }

    public static List<Field> parse(byte[] header) {
        String text = new String(header, StandardCharsets.UTF_8);
        List<Field> fields = new ArrayList<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : text.split("\r?\n", -1)) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (name != null) {
                    value.append(line);
                }
                continue;
            }
            if (name != null) {
                fields.add(new Field(name, decode(value.toString().strip())));
                name = null;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                name = line.substring(0, colon).strip();
                value.setLength(0);
                value.append(line, colon + 1, line.length());
            }
        }
        if (name != null) {
            fields.add(new Field(name, decode(value.toString().strip())));
        }
        return fields;
    }

    /** RFC 9051 6.4.4: HEADER matches when the field's value contains the string, case-insensitively. */
    static boolean matches(List<Field> fields, String field, String needle) {
        String wanted = needle.toLowerCase(Locale.ROOT);
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(field) && f.value().toLowerCase(Locale.ROOT).contains(wanted)) {
                return true;
            }
        }
        return false;
    }

    static boolean anyContains(List<Field> fields, String needle) {
        String wanted = needle.toLowerCase(Locale.ROOT);
        for (Field f : fields) {
            if (f.value().toLowerCase(Locale.ROOT).contains(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String decode(String value) {
        try {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return value;
        }
    }
}
