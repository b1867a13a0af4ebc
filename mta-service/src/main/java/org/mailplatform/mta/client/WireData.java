package org.mailplatform.mta.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The message as it goes on the wire, whatever the stored bytes look like: every CR, LF or CRLF
 * becomes CRLF (RFC 5321 2.3.8: no bare CR or LF in SMTP), the text ends with a line end, and for
 * DATA a line starting with "." gets a second one (RFC 5321 4.5.2) and the data ends with the
 * single terminator CRLF.CRLF. A stored message can therefore neither end the data early nor
 * smuggle a second message behind it.
 */
public final class WireData {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';

    private WireData() {
    }

    /** Writes the DATA phase text: normalised, dot-stuffed, followed by ".\r\n". */
    public static void writeDotStuffed(byte[] message, OutputStream out) throws IOException {
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (b == CR || b == LF) {
                if (b == CR && i + 1 < message.length && message[i + 1] == LF) {
                    i++;
                }
                out.write(CR);
                out.write(LF);
                lineStart = true;
                continue;
            }
            if (lineStart && b == DOT) {
                out.write(DOT);
            }
            out.write(b);
            lineStart = false;
        }
        if (!lineStart) {
            out.write(CR);
            out.write(LF);
        }
        out.write(DOT);
        out.write(CR);
        out.write(LF);
    }

    /** The message with CRLF line ends and a final line end, for BDAT (RFC 3030 2: no dot-stuffing). */
    public static byte[] normalized(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + message.length / 64 + 2);
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (b == CR || b == LF) {
                if (b == CR && i + 1 < message.length && message[i + 1] == LF) {
                    i++;
                }
                out.write(CR);
                out.write(LF);
                lineStart = true;
                continue;
            }
            out.write(b);
            lineStart = false;
        }
        if (!lineStart) {
            out.write(CR);
            out.write(LF);
        }
        return out.toByteArray();
    }

    /** RFC 1870 2: the size the SIZE extension compares, line ends counted as CRLF, without dot-stuffing. */
    public static long normalizedLength(byte[] message) {
        long length = 0;
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (b == CR || b == LF) {
                if (b == CR && i + 1 < message.length && message[i + 1] == LF) {
                    i++;
                }
                length += 2;
                lineStart = true;
                continue;
            }
            length++;
            lineStart = false;
        }
        return lineStart ? length : length + 2;
    }

    /** RFC 6152 3 / RFC 2045 2.7: no octet above 127 and no NUL. */
    public static boolean sevenBitClean(byte[] message) {
        for (byte b : message) {
            if (b <= 0) {
                return false;
            }
        }
        return true;
    }
}
