package org.mailplatform.msgauth.dkim;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.james.jdkim.api.Headers;

/**
 * The header section of a message as jDKIM reads it: each field as it is on the wire (name,
 * colon, value with its folding CRLFs, no final CRLF), in order, and where the body begins.
 * Fields are decoded as UTF-8 (RFC 6532 allows UTF-8 in header fields); anything else is refused,
 * since the bytes a verifier hashes must be the bytes we hashed.
 */
final class MessageHeaderFields implements Headers {

    private final List<String> fields;
    private final Map<String, List<String>> byName;
    private final int bodyOffset;

    private MessageHeaderFields(List<String> fields, int bodyOffset) {
        this.fields = List.copyOf(fields);
        this.bodyOffset = bodyOffset;
        Map<String, List<String>> index = new LinkedHashMap<>();
        for (String field : this.fields) {
            index.computeIfAbsent(nameOf(field), k -> new ArrayList<>()).add(field);
        }
        this.byName = index;
    }

    /**
     * @throws DkimSigningException when the header section is not RFC 5322 (a line without a colon,
     *                              a bare CR or LF, a continuation line first) or not UTF-8
     */
    static MessageHeaderFields parse(byte[] message) {
        List<String> fields = new ArrayList<>();
        int fieldStart = -1;
        int fieldEnd = -1;
        int bodyOffset = message.length;
        int i = 0;
        while (i < message.length) {
            int eol = lineEnd(message, i);
            if (eol == i) {
                bodyOffset = eol + 2;
                break;
            }
            if (message[i] == ' ' || message[i] == '\t') {
                if (fieldStart < 0) {
                    throw new DkimSigningException("malformed", "the message starts with a continuation line");
                }
            } else {
                if (fieldStart >= 0) {
                    fields.add(field(message, fieldStart, fieldEnd));
                }
                fieldStart = i;
            }
            fieldEnd = eol;
            i = eol + 2;
        }
        if (fieldStart >= 0) {
            fields.add(field(message, fieldStart, fieldEnd));
        }
        return new MessageHeaderFields(fields, bodyOffset);
    }

    /** Index of the CRLF that ends the line starting at {@code from}. */
    private static int lineEnd(byte[] m, int from) {
        for (int j = from; j < m.length; j++) {
            if (m[j] == '\r' && j + 1 < m.length && m[j + 1] == '\n') {
                return j;
            }
            if (m[j] == '\r' || m[j] == '\n') {
                throw new DkimSigningException("malformed", "a bare CR or LF in the header section");
            }
        }
        throw new DkimSigningException("malformed", "the header section does not end with CRLF");
    }

    private static String field(byte[] m, int from, int to) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(m, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new DkimSigningException("malformed", "a header field that is not UTF-8");
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new DkimSigningException("malformed", "a header line without a field name and colon");
        }
        return text;
    }

    private static String nameOf(String field) {
        return field.substring(0, field.indexOf(':')).strip().toLowerCase(Locale.ROOT);
    }

    /** Where the body starts (after the empty line), or the message length when there is none. */
    int bodyOffset() {
        return bodyOffset;
    }

    int count(String name) {
        return byName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).size();
    }

    /** What follows the colon of every field with this name, folding kept, in order. */
    List<String> values(String name) {
        return getFields(name).stream().map(f -> f.substring(f.indexOf(':') + 1)).toList();
    }

    @Override
    public List<String> getFields() {
        return fields;
    }

    @Override
    public List<String> getFields(String name) {
        return Collections.unmodifiableList(byName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
    }
}
