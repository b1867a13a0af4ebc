package org.mailplatform.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One SMTP reply: a three-digit code, an optional enhanced status code (RFC 3463, announced by
 * ENHANCEDSTATUSCODES, RFC 2034) and one or more text lines.
 *
 * <p>RFC 2034 section 3: the enhanced code goes on every line of a multi-line reply, but not on the
 * greeting or the EHLO reply; those are built with {@code enhanced == null}.
 */
public record SmtpReply(int code, String enhanced, List<String> lines) {

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
    }

    public static SmtpReply of(int code, String enhanced, String text) {
        return new SmtpReply(code, enhanced, List.of(text));
    }

    public static SmtpReply plain(int code, String text) {
        return new SmtpReply(code, null, List.of(text));
    }

    public boolean positive() {
        return code < 400;
    }

    public boolean transientFailure() {
        return code >= 400 && code < 500;
    }

    public boolean permanentFailure() {
        return code >= 500;
    }

    /** RFC 5321 4.2.1: "code-" on every line but the last, "code " on the last, each ended by CRLF. */
    public byte[] toBytes() {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < lines.size(); i++) {
            sb.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (enhanced != null) {
                sb.append(enhanced).append(' ');
            }
            sb.append(lines.get(i)).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.UTF_8).stripTrailing();
    }
}
