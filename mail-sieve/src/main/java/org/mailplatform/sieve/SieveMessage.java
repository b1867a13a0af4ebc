package org.mailplatform.sieve;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.mailplatform.message.MessageParser;
import org.mailplatform.message.ParserOptions;

/**
 * The message as the tests see it: header fields unfolded with RFC 2047 encoded words decoded
 * (RFC 5228 2.7.2), its size, and its body raw or as decoded text (RFC 5173 5.1, 5.2), the latter
 * worked out only when a body test asks for it.
 */
public final class SieveMessage {

    /** Most characters of body text a body test looks at. */
    static final int BODY_TEXT_LIMIT = 1 << 20;

    private final byte[] raw;
    private final List<Field> fields;
    private final int bodyStart;
    private String text;

    private record Field(String name, String value) {
    }

    private SieveMessage(byte[] raw, List<Field> fields, int bodyStart) {
        this.raw = raw;
        this.fields = fields;
        this.bodyStart = bodyStart;
    }

    public static SieveMessage parse(byte[] raw) {
        List<Field> fields = new ArrayList<>();
        int p = 0;
        String name = null;
        StringBuilder value = new StringBuilder();
        while (p < raw.length) {
            int eol = p;
            while (eol < raw.length && raw[eol] != '\n') {
                eol++;
            }
            int next = Math.min(eol + 1, raw.length);
            int end = eol > p && raw[eol - 1] == '\r' ? eol - 1 : eol;
            if (end == p) {
                p = next;
                break;
            }
            String line = new String(raw, p, end - p, StandardCharsets.UTF_8);
            p = next;
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                // RFC 5322 2.2.3: unfolding removes the line break, the whitespace stays.
                if (name != null) {
                    value.append(line);
                }
                continue;
            }
            if (name != null) {
                fields.add(new Field(name, value.toString()));
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                name = null;
                continue;
            }
            name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            value.setLength(0);
            value.append(line, colon + 1, line.length());
        }
        if (name != null) {
            fields.add(new Field(name, value.toString()));
        }
        return new SieveMessage(raw, List.copyOf(fields), Math.min(p, raw.length));
    }

    /** The decoded values of every field with this name, in order; leading and trailing whitespace removed. */
    public List<String> header(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.name.equals(key)) {
                out.add(decode(f.value));
            }
        }
        return out;
    }

    /** The values as they are in the message, without RFC 2047 decoding (for address parsing). */
    List<String> rawHeader(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.name.equals(key)) {
                out.add(f.value.strip());
            }
        }
        return out;
    }

    public boolean has(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return fields.stream().anyMatch(f -> f.name.equals(key));
    }

    public long size() {
        return raw.length;
    }

    /** RFC 5173 5.1 :raw: the body undecoded. */
    String rawBody() {
        return new String(raw, bodyStart, raw.length - bodyStart, StandardCharsets.UTF_8);
    }

    /** RFC 5173 5.2 :text: the decoded text parts, as the store's search index has them. */
    String bodyText() {
        if (text == null) {
            text = new MessageParser(ParserOptions.defaults().withSearchTextLimit(BODY_TEXT_LIMIT)).parse(raw).searchText();
        }
        return text;
    }

    private static String decode(String value) {
        String v = value.strip();
        return v.contains("=?") ? DecoderUtil.decodeEncodedWords(v, DecodeMonitor.SILENT) : v;
    }
}
