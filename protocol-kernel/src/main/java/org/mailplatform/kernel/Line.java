package org.mailplatform.kernel;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One input line, its terminator removed. Lines are split at LF only; the flags tell a protocol what the
 * terminator looked like so that it can enforce its own rule: SMTP rejects bare CR and bare LF
 * (RFC 5321 §2.3.8, the SMTP smuggling defence), POP3 and IMAP may tolerate a bare LF.
 *
 * @param bytes   the line without its terminator (CRLF or LF); for a {@code tooLong} line only the first
 *                {@code maxLineLength} bytes, enough to find an IMAP tag or an SMTP verb
 * @param bareLf  the line ended with LF not preceded by CR
 * @param bareCr  the line holds a CR that is not immediately followed by LF
 * @param tooLong the line exceeded the session's maximum line length; the excess up to the next LF was
 *                discarded unread, and the connection continues with the next line
 */
public record Line(byte[] bytes, boolean bareLf, boolean bareCr, boolean tooLong) {

    public Line {
        java.util.Objects.requireNonNull(bytes, "bytes");
    }

    /** A line that ended in CRLF and holds no bare CR; convenient in tests. */
    public static Line of(String text) {
        return new Line(text.getBytes(StandardCharsets.UTF_8), false, false, false);
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** True when the line ended in CRLF and carries no stray CR: what RFC 5321 §2.3.8 allows. */
    public boolean isStrictCrlf() {
        return !bareLf && !bareCr;
    }

    /** The line as US-ASCII text (command verbs, tags, arguments of ASCII-only protocols). */
    public String ascii() {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** The line as UTF-8 text (RFC 6531 SMTPUTF8, RFC 9051 IMAP4rev2). */
    public String utf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public String text(Charset charset) {
        return new String(bytes, charset);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Line line && Arrays.equals(bytes, line.bytes)
                && bareLf == line.bareLf && bareCr == line.bareCr && tooLong == line.tooLong;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes) * 31 + (bareLf ? 1 : 0) + (bareCr ? 2 : 0) + (tooLong ? 4 : 0);
    }

    /** Printable ASCII as is, everything else escaped, cut at 200 bytes: safe for logs. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Line[");
        int shown = Math.min(bytes.length, 200);
        for (int i = 0; i < shown; i++) {
            int b = bytes[i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '\\') {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02x", b));
            }
        }
        if (shown < bytes.length) {
            text.append("...(").append(bytes.length).append(" bytes)");
        }
        if (bareLf) {
            text.append(", bareLf");
        }
        if (bareCr) {
            text.append(", bareCr");
        }
        if (tooLong) {
            text.append(", tooLong");
        }
        return text.append(']').toString();
    }
}
