package org.mailplatform.mta.milter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header section of a message as a list of fields, and the body after it (RFC 5322 2.1): what
 * a milter is sent, and what its header edits are applied to. Field bytes are kept as they came,
 * folding included, so an unedited message is rebuilt byte for byte.
 */
final class MessageFields {

    /**
     * One field: its name, its raw value (after the colon, folds kept, no final CRLF), and the exact
     * bytes of the whole field including the CRLF it ended with.
     */
    record Field(String name, String value, byte[] raw) {
    }

    private final List<Field> fields;
    private final byte[] message;
    private final int bodyStart;
    private final int separatorStart;

    private MessageFields(List<Field> fields, byte[] message, int separatorStart, int bodyStart) {
        this.fields = fields;
        this.message = message;
        this.separatorStart = separatorStart;
        this.bodyStart = bodyStart;
    }

    static MessageFields parse(byte[] message) {
        List<Field> fields = new ArrayList<>();
        int pos = 0;
        int fieldStart = -1;
        while (pos < message.length) {
            int lineEnd = lineEnd(message, pos);
            boolean empty = lineEnd == pos;
            if (empty) {
                break;
            }
            boolean continuation = message[pos] == ' ' || message[pos] == '\t';
            if (!continuation && fieldStart >= 0) {
                fields.add(field(message, fieldStart, pos));
                fieldStart = -1;
            }
            if (!continuation) {
                fieldStart = pos;
            }
            pos = next(message, lineEnd);
        }
        if (fieldStart >= 0) {
            fields.add(field(message, fieldStart, pos));
        }
        int separator = pos;
        int body = pos < message.length ? next(message, lineEnd(message, pos)) : pos;
        return new MessageFields(fields, message, separator, body);
    }

    List<Field> fields() {
        return fields;
    }

    /** The fields a milter may see: those with a name (a line without a colon has none). */
    List<Field> namedFields() {
        return fields.stream().filter(f -> !f.name().isEmpty()).toList();
    }

    byte[] body() {
        byte[] body = new byte[message.length - bodyStart];
        System.arraycopy(message, bodyStart, body, 0, body.length);
        return body;
    }

    /**
     * The message with {@code body} in place of its body (SMFIR_REPLBODY). Line ends become CRLF
     * (RFC 5322 2.3: CR and LF occur only together; milters usually write bare LF, as libmilter
     * applications do), and a body not ending in a line end gets one, as Postfix's cleanup does.
     */
    byte[] withBody(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bodyStart + body.length + body.length / 32 + 4);
        if (separatorStart == message.length) {
            out.writeBytes(message);
            out.writeBytes(new byte[] {'\r', '\n'});
        } else {
            out.write(message, 0, bodyStart);
        }
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (b == '\r') {
                if (i + 1 < body.length && body[i + 1] == '\n') {
                    i++;
                }
                out.writeBytes(new byte[] {'\r', '\n'});
            } else if (b == '\n') {
                out.writeBytes(new byte[] {'\r', '\n'});
            } else {
                out.write(b);
            }
        }
        if (body.length > 0 && body[body.length - 1] != '\n' && body[body.length - 1] != '\r') {
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        return out.toByteArray();
    }

    /** The message with the edits applied in the order given; the body is untouched. */
    byte[] apply(List<HeaderEdit> edits, boolean leadingSpace) {
        if (edits.isEmpty()) {
            return message;
        }
        List<Field> edited = new ArrayList<>(fields);
        for (HeaderEdit edit : edits) {
            switch (edit) {
                case HeaderEdit.Add add -> edited.add(newField(add.name(), add.value(), leadingSpace));
                case HeaderEdit.Insert insert -> {
                    int at = Math.clamp(insert.index(), 0, edited.size());
                    edited.add(at, newField(insert.name(), insert.value(), leadingSpace));
                }
                case HeaderEdit.Change change -> change(edited, change, leadingSpace);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 512);
        for (Field f : edited) {
            out.writeBytes(f.raw());
        }
        if (separatorStart == message.length) {
            // A message without a body still gets the empty line that ends its header section.
            out.writeBytes(new byte[] {'\r', '\n'});
        } else {
            out.write(message, separatorStart, message.length - separatorStart);
        }
        return out.toByteArray();
    }

    private static void change(List<Field> edited, HeaderEdit.Change change, boolean leadingSpace) {
        int seen = 0;
        for (int i = 0; i < edited.size(); i++) {
            if (edited.get(i).name().equalsIgnoreCase(change.name()) && ++seen == Math.max(1, change.occurrence())) {
                if (change.value().isEmpty()) {
                    edited.remove(i);
                } else {
                    edited.set(i, newField(change.name(), change.value(), leadingSpace));
                }
                return;
            }
        }
        if (!change.value().isEmpty()) {
            edited.add(newField(change.name(), change.value(), leadingSpace));
        }
    }

    /**
     * A field from a milter's name and value. The value's line breaks become CRLF followed by white
     * space (RFC 5322 2.2.3 folding), so no value can start a field of its own or end the header
     * section; NUL and bare CR are dropped.
     */
    static Field newField(String name, String value, boolean leadingSpace) {
        StringBuilder text = new StringBuilder(name.length() + value.length() + 8).append(name).append(':');
        if (!leadingSpace) {
            text.append(' ');
        }
        String[] lines = value.replace("\r\n", "\n").split("\n", -1);
        boolean first = true;
        for (String line : lines) {
            String clean = line.replace("\r", "").replace("\0", "");
            if (!first) {
                if (clean.isBlank()) {
                    continue;
                }
                text.append("\r\n");
                if (clean.charAt(0) != ' ' && clean.charAt(0) != '\t') {
                    text.append('\t');
                }
            }
            text.append(clean);
            first = false;
        }
        text.append("\r\n");
        return new Field(name, value, text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** RFC 5322 3.6.8: a field name is printable US-ASCII except the colon. */
    static boolean validName(String name) {
        if (name.isEmpty() || name.length() > 998) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126 || c == ':') {
                return false;
            }
        }
        return true;
    }

    private static Field field(byte[] m, int start, int end) {
        byte[] raw = new byte[end - start];
        System.arraycopy(m, start, raw, 0, raw.length);
        int colon = -1;
        for (int i = start; i < end; i++) {
            if (m[i] == ':') {
                colon = i;
                break;
            }
            if (m[i] == '\r' || m[i] == '\n') {
                break;
            }
        }
        if (colon < 0) {
            return new Field("", "", raw);
        }
        String name = new String(m, start, colon - start, StandardCharsets.ISO_8859_1).strip();
        int valueEnd = end;
        if (valueEnd > colon + 1 && m[valueEnd - 1] == '\n') {
            valueEnd--;
            if (valueEnd > colon + 1 && m[valueEnd - 1] == '\r') {
                valueEnd--;
            }
        }
        String value = new String(m, colon + 1, valueEnd - colon - 1, StandardCharsets.ISO_8859_1);
        return new Field(validName(name) ? name : "", value, raw);
    }

    /** Index of the CR of the CRLF (or of a lone LF) ending the line at {@code from}, or the end. */
    private static int lineEnd(byte[] m, int from) {
        for (int i = from; i < m.length; i++) {
            if (m[i] == '\n') {
                return i > from && m[i - 1] == '\r' ? i - 1 : i;
            }
        }
        return m.length;
    }

    private static int next(byte[] m, int lineEnd) {
        if (lineEnd >= m.length) {
            return m.length;
        }
        return m[lineEnd] == '\r' ? Math.min(m.length, lineEnd + 2) : lineEnd + 1;
    }
}
