package org.mailplatform.imap.command;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.mailplatform.message.BodyPart;
import org.mailplatform.message.MessageParser;

/**
 * A message APPENDed as literal8 (RFC 3516 4.4) may carry NUL octets, which no IMAP literal but
 * literal8 may hold (RFC 9051 4.3), and literal8 is only for BINARY[] (RFC 3516 4.2). So each part
 * whose body holds a NUL is stored re-encoded in base64 (RFC 2045 6.8), its Content-Transfer-Encoding
 * changed to match: BODY[] then sends only what a literal may carry, and BINARY[] still decodes to
 * the original octets. Messages without NUL are stored exactly as received.
 */
final class BinaryParts {

    private static final byte[] CTE_BASE64 = "Content-Transfer-Encoding: base64\r\n".getBytes(StandardCharsets.US_ASCII);

    private BinaryParts() {
    }

    private static final MessageParser PARSER = new MessageParser();

    static byte[] storable(byte[] raw) {
        if (indexOf(raw, 0, raw.length) < 0) {
            return raw;
        }
        List<BodyPart> binary = new ArrayList<>();
        collect(PARSER.parse(raw).body(), raw, binary);
        binary.sort(Comparator.comparingLong(BodyPart::headerStart));
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4 / 3 + 256);
        int copied = 0;
        for (BodyPart part : binary) {
            int headerStart = (int) part.headerStart();
            int bodyStart = (int) part.bodyStart();
            int bodyEnd = (int) part.bodyEnd();
            out.write(raw, copied, headerStart - copied);
            writeHeader(out, raw, headerStart, bodyStart);
            byte[] encoded = Base64.getMimeEncoder().encode(Arrays.copyOfRange(raw, bodyStart, bodyEnd));
            out.writeBytes(encoded);
            if (bodyEnd == raw.length || raw[bodyEnd] != '\r') {
                out.writeBytes(new byte[] {'\r', '\n'});
            }
            copied = bodyEnd;
        }
        out.write(raw, copied, raw.length - copied);
        return out.toByteArray();
    }

    /** Leaf parts (inside multiparts and embedded messages too) whose body holds a NUL. */
    private static void collect(BodyPart part, byte[] raw, List<BodyPart> found) {
        if (part.multipart()) {
            part.parts().forEach(p -> collect(p, raw, found));
        } else if (part.message() != null) {
            collect(part.message().body(), raw, found);
        } else if (indexOf(raw, (int) part.bodyStart(), (int) part.bodyEnd()) >= 0) {
            found.add(part);
        }
    }

    /** The part's header without its Content-Transfer-Encoding field, with one saying base64 before the empty line. */
    private static void writeHeader(ByteArrayOutputStream out, byte[] raw, int start, int bodyStart) {
        int end = bodyStart;
        // The empty line that ends the header is CRLF (or a bare LF) just before the body.
        int blank = end >= 2 && raw[end - 2] == '\r' && raw[end - 1] == '\n' ? end - 2 : end >= 1 && raw[end - 1] == '\n' ? end - 1 : end;
        int pos = start;
        boolean skipping = false;
        while (pos < blank) {
            int lineEnd = pos;
            while (lineEnd < blank && raw[lineEnd] != '\n') {
                lineEnd++;
            }
            lineEnd = Math.min(lineEnd + 1, blank);
            boolean continuation = raw[pos] == ' ' || raw[pos] == '\t';
            if (!continuation) {
                String line = new String(raw, pos, Math.min(lineEnd - pos, 40), StandardCharsets.ISO_8859_1);
                skipping = line.toLowerCase(Locale.ROOT).startsWith("content-transfer-encoding:");
            }
            if (!skipping) {
                out.write(raw, pos, lineEnd - pos);
            }
            pos = lineEnd;
        }
        out.writeBytes(CTE_BASE64);
        out.write(raw, blank, bodyStart - blank);
    }

    private static int indexOf(byte[] raw, int from, int to) {
        for (int i = from; i < to; i++) {
            if (raw[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
