package org.mailplatform.imap.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.mailplatform.message.Address;

/**
 * The fields of a header section for SEARCH: unfolded (RFC 5322 2.2.3), 8-bit read as UTF-8
 * (RFC 6532), encoded words decoded (RFC 2047), so a search string matches what the user sees.
 * An address field (From, To, Cc, Bcc) also matches the addresses as read from it: display name
 * decoded, then {@code <local@domain>} with comments and quoting gone, and group names, so that
 * {@code FROM user@example.org} finds {@code <user (x)@ example.org>} as well (RFC 3501 6.4.4).
 */
public final class HeaderFields {

    private static final Set<String> ADDRESS_FIELDS = Set.of("from", "to", "cc", "bcc");

    /**
     * @param value the value decoded
     * @param raw   the value as written, unfolded
     */
    public record Field(String name, String value, String raw) {
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
                fields.add(field(name, value));
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
            fields.add(field(name, value));
        }
        return fields;
    }

    private static Field field(String name, CharSequence value) {
        String raw = value.toString().strip();
        return new Field(name, decode(raw), raw);
    }

    /** RFC 9051 6.4.4: HEADER matches when the field's value contains the string, case-insensitively. */
    static boolean matches(List<Field> fields, String field, String needle) {
        String wanted = needle.toLowerCase(Locale.ROOT);
        boolean addresses = ADDRESS_FIELDS.contains(field.toLowerCase(Locale.ROOT));
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(field) && (f.value().toLowerCase(Locale.ROOT).contains(wanted)
                    || addresses && addressForms(f.raw()).toLowerCase(Locale.ROOT).contains(wanted))) {
                return true;
            }
        }
        return false;
    }

    /** The addresses of a field, one per line, as {@code Name <local@domain>}, group names as {@code name:}. */
    static String addressForms(String raw) {
        StringBuilder out = new StringBuilder();
        for (Address a : Address.parseList(raw)) {
            if (a.groupStartMarker()) {
                out.append(decode(a.mailbox())).append(":\n");
            } else if (!a.groupEndMarker()) {
                if (a.name() != null) {
                    out.append(decode(a.name())).append(' ');
                }
                out.append('<').append(a.addrSpec()).append(">\n");
            }
        }
        return out.toString();
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
