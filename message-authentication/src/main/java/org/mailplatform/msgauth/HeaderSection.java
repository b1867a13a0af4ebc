package org.mailplatform.msgauth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * The header fields of a raw RFC 5322 message, each with its exact bytes (folding and line ends
 * kept, as DKIM's simple canonicalization needs them), and where the body starts.
 *
 * <p>RFC 5322 2.2: a field runs from its name to the line end before the next line that does not
 * start with WSP; the header section ends at the first empty line. A line with no colon inside the
 * header is kept as part of the previous field (it is not a field of its own).
 */
public final class HeaderSection {

    /** One header field: {@code start} is its first byte, {@code end} the byte after its last line end. */
    public record Field(String name, int start, int end) {

        public boolean named(String other) {
            return name.equalsIgnoreCase(other);
        }
    }

    private final byte[] message;
    private final List<Field> fields;
    private final int bodyStart;

    private HeaderSection(byte[] message, List<Field> fields, int bodyStart) {
        this.message = message;
        this.fields = Collections.unmodifiableList(fields);
        this.bodyStart = bodyStart;
    }

    public static HeaderSection of(byte[] message) {
        List<Field> fields = new ArrayList<>();
        int p = 0;
        int fieldStart = -1;
        String name = null;
        while (p < message.length) {
            int next = nextLine(message, p);
            if (isEmptyLine(message, p, next)) {
                if (name != null) {
                    fields.add(new Field(name, fieldStart, p));
                }
                return new HeaderSection(message, fields, next);
            }
            byte first = message[p];
            boolean continuation = first == ' ' || first == '\t';
            int colon = continuation ? -1 : colon(message, p, next);
            if (!continuation && colon > p) {
                if (name != null) {
                    fields.add(new Field(name, fieldStart, p));
                }
                fieldStart = p;
                name = new String(message, p, colon - p, StandardCharsets.ISO_8859_1).strip();
            }
            p = next;
        }
        if (name != null) {
            fields.add(new Field(name, fieldStart, message.length));
        }
        return new HeaderSection(message, fields, message.length);
    }

    public List<Field> fields() {
        return fields;
    }

    /** Index of the first body byte (after the empty line); the message length when there is no body. */
    public int bodyStart() {
        return bodyStart;
    }

    public byte[] message() {
        return message;
    }

    /** The field's bytes exactly as received, line ends included. */
    public byte[] raw(Field field) {
        byte[] out = new byte[field.end() - field.start()];
        System.arraycopy(message, field.start(), out, 0, out.length);
        return out;
    }

    /** The value after the colon, unfolded (RFC 5322 2.2.3) and trimmed; octets above 127 as UTF-8. */
    public String value(Field field) {
        int colon = colon(message, field.start(), field.end());
        String text = new String(message, colon + 1, field.end() - colon - 1, StandardCharsets.UTF_8);
        return text.replace("\r", "").replace("\n", "").strip();
    }

    /** The {@link #value} of every field with this name, in order. */
    public List<String> values(String name) {
        return fields.stream().filter(f -> f.named(name)).map(this::value).toList();
    }

    /** The message without the fields that match, every other byte unchanged. */
    public byte[] without(Predicate<Field> drop) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length);
        int copied = 0;
        for (Field f : fields) {
            if (drop.test(f)) {
                out.write(message, copied, f.start() - copied);
                copied = f.end();
            }
        }
        out.write(message, copied, message.length - copied);
        return out.toByteArray();
    }

    private static int nextLine(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        return b.length;
    }

    private static boolean isEmptyLine(byte[] b, int from, int next) {
        int length = next - from;
        return (length == 1 && b[from] == '\n') || (length == 2 && b[from] == '\r' && b[from + 1] == '\n');
    }

    /** RFC 5322 3.6.8: the field name is printable ASCII up to the colon, WSP allowed before it (4.5.8). */
    private static int colon(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == ':') {
                return i;
            }
            if (c < 33 && c != ' ' && c != '\t' || c > 126) {
                return -1;
            }
        }
        return -1;
    }
}
