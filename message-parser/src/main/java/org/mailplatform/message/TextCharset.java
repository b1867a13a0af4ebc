package org.mailplatform.message;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.apache.james.mime4j.util.CharsetUtil;

/**
 * Turns body octets into text for search. The declared charset is used when Java knows it;
 * a missing, unknown or US-ASCII label (often a lie when 8-bit octets are present) falls back
 * to UTF-8 when the octets are valid UTF-8, else windows-1252.
 */
final class TextCharset {

    private TextCharset() {
    }

    static String decode(byte[] bytes, int length, String declared) {
        Charset charset = declared == null ? null : CharsetUtil.lookup(declared.strip());
        if (charset != null && !charset.equals(StandardCharsets.US_ASCII)) {
            return new String(bytes, 0, length, charset);
        }
        return Octets.decodeGuessing(bytes, 0, length);
    }
}
