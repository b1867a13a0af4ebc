package org.mailplatform.message;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Locale;

import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/**
 * Undoes a part's Content-Transfer-Encoding (RFC 2045 6) as a stream, for FETCH BINARY[section]
 * (RFC 3516) and for text extraction. Decoding is lenient: characters outside the base64 alphabet
 * and malformed quoted-printable sequences are skipped, never an error.
 */
public final class PartDecoder {

    private PartDecoder() {
    }

    /**
     * Whether the encoding can be decoded here. RFC 3516 4.3: for any other, BINARY answers
     * NO [UNKNOWN-CTE].
     */
    public static boolean knownEncoding(String encoding) {
        return switch (normalize(encoding)) {
            case "7bit", "8bit", "binary", "base64", "quoted-printable" -> true;
            default -> false;
        };
    }

    /**
     * The decoded content of {@code encoded}.
     *
     * @throws IllegalArgumentException when the encoding is not {@link #knownEncoding known}
     */
    public static InputStream decode(InputStream encoded, String encoding) {
        return switch (normalize(encoding)) {
            case "7bit", "8bit", "binary" -> encoded;
            case "base64" -> new Base64InputStream(encoded, DecodeMonitor.SILENT);
            case "quoted-printable" -> new QuotedPrintableInputStream(encoded, DecodeMonitor.SILENT);
            default -> throw new IllegalArgumentException("unknown content transfer encoding: " + encoding);
        };
    }

    /**
     * The decoded body of a leaf part of a message, read from its raw bytes.
     *
     * @throws IllegalArgumentException when the part's encoding is not {@link #knownEncoding known}
     */
    public static InputStream open(byte[] raw, BodyPart part) {
        return decode(slice(raw, part), part.encoding());
    }

    /** Like {@link #open} but an unknown encoding yields the body as transferred. */
    static InputStream openLenient(byte[] raw, BodyPart part) {
        return knownEncoding(part.encoding()) ? open(raw, part) : slice(raw, part);
    }

    private static InputStream slice(byte[] raw, BodyPart part) {
        int start = (int) part.bodyStart();
        return new ByteArrayInputStream(raw, start, (int) part.bodyEnd() - start);
    }

    private static String normalize(String encoding) {
        return encoding == null ? "7bit" : encoding.strip().toLowerCase(Locale.ROOT);
    }
}
