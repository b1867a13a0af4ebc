package org.mailplatform.message;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Byte-level helpers over the raw message. Header text is first read as ISO-8859-1 so that every
 * octet maps to exactly one char and back (boundaries and offsets stay byte-exact); it is turned
 * into real Unicode only where a value leaves the parser.
 */
final class Octets {

    private static final Charset WINDOWS_1252 = lookupOr("windows-1252", StandardCharsets.ISO_8859_1);

    private Octets() {
    }

    /** Index just past the LF that ends the line starting at {@code from}, or {@code to}. */
    static int nextLine(byte[] raw, int from, int to) {
        for (int i = from; i < to; i++) {
            if (raw[i] == '\n') {
                return i + 1;
            }
        }
        return to;
    }

    /** Text lines in a body: each LF ends one, and a last line without LF still counts. */
    static long countLines(byte[] raw, int from, int to) {
        long lines = 0;
        for (int i = from; i < to; i++) {
            if (raw[i] == '\n') {
                lines++;
            }
        }
        if (to > from && raw[to - 1] != '\n') {
            lines++;
        }
        return lines;
    }

    static String latin1(byte[] raw, int from, int to) {
        return new String(raw, from, to - from, StandardCharsets.ISO_8859_1);
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static boolean isAscii(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Turns a header value read octet-per-char into Unicode. RFC 6532 allows UTF-8 in headers;
     * anything else with 8-bit octets is legacy mail and is read as windows-1252.
     */
    static String toUnicode(String octets) {
        if (octets == null || isAscii(octets)) {
            return octets;
        }
        byte[] bytes = octets.getBytes(StandardCharsets.ISO_8859_1);
        return decodeGuessing(bytes, 0, bytes.length);
    }

    /** ASCII as is, valid UTF-8 as UTF-8, anything else as windows-1252. */
    static String decodeGuessing(byte[] bytes, int from, int to) {
        if (isAscii(bytes, from, to)) {
            return new String(bytes, from, to - from, StandardCharsets.US_ASCII);
        }
        if (isUtf8(bytes, from, to)) {
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }
        return new String(bytes, from, to - from, WINDOWS_1252);
    }

    /** True when the bytes are well-formed UTF-8; a sequence cut off at the end is tolerated. */
    static boolean isUtf8(byte[] bytes, int from, int to) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate(Math.min(8192, Math.max(16, to - from)));
        while (true) {
            CoderResult result = decoder.decode(in, out, false);
            if (result.isError()) {
                return false;
            }
            if (result.isUnderflow()) {
                return true;
            }
            out.clear();
        }
    }

    private static Charset lookupOr(String name, Charset fallback) {
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
