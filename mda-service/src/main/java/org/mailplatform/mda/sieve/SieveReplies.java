package org.mailplatform.mda.sieve;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.mailplatform.sieve.SieveMessage;

/**
 * The messages a script sends on its own: the vacation reply (RFC 5230 5, RFC 3834 3) and the
 * rejection notice (RFC 5429 2.1 with the MDN format of RFC 8098).
 */
final class SieveReplies {

    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT);

    private final String hostname;
    private final Clock clock;

    SieveReplies(String hostname, Clock clock) {
        this.hostname = hostname;
        this.clock = clock;
    }

    /**
     * @param from     the reply's author (the user)
     * @param to       the original's envelope sender
     * @param subject  the :subject, or null for "Auto: " and the original's subject (RFC 5230 5.4)
     * @param mime     whether {@code reason} is a MIME entity (RFC 5230 4.7)
     */
    byte[] vacation(SieveMessage original, String from, String to, String subject, String reason, boolean mime) {
        String originalSubject = original.header("subject").stream().findFirst().orElse("");
        String replySubject = subject != null ? subject : "Auto: " + originalSubject;
        StringBuilder m = new StringBuilder();
        m.append("From: <").append(from).append(">\r\n");
        m.append("To: <").append(to).append(">\r\n");
        m.append("Subject: ").append(encodeWord(oneLine(replySubject))).append("\r\n");
        common(m);
        threading(m, original);
        // RFC 3834 5 / RFC 5230 5: marks the reply as automatic, so other responders leave it alone.
        m.append("Auto-Submitted: auto-replied (vacation)\r\n");
        m.append("MIME-Version: 1.0\r\n");
        if (mime) {
            m.append(crlf(reason));
            if (!reason.endsWith("\n")) {
                m.append("\r\n");
            }
        } else {
            text(m, reason);
        }
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * RFC 5429 2.1: the notice goes to the envelope sender as an MDN with the "deleted" disposition,
     * and carries the original's header section, not its content.
     */
    byte[] rejection(SieveMessage original, byte[] headerSection, String recipient, String to, String reason) {
        String boundary = "rej-" + UUID.randomUUID();
        String originalSubject = original.header("subject").stream().findFirst().orElse("");
        String messageId = original.header("message-id").stream().findFirst().orElse(null);
        StringBuilder m = new StringBuilder();
        m.append("From: <").append(recipient).append(">\r\n");
        m.append("To: <").append(to).append(">\r\n");
        m.append("Subject: ").append(encodeWord(oneLine("Rejected: " + originalSubject))).append("\r\n");
        common(m);
        threading(m, original);
        m.append("Auto-Submitted: auto-replied (rejected)\r\n");
        m.append("MIME-Version: 1.0\r\n");
        m.append("Content-Type: multipart/report; report-type=disposition-notification;\r\n\tboundary=\"")
                .append(boundary).append("\"\r\n\r\n");
        m.append("--").append(boundary).append("\r\n");
        text(m, "Your message to " + recipient + " was rejected by the recipient's mail filter:\r\n\r\n" + reason);
        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Type: message/disposition-notification\r\n\r\n");
        m.append("Reporting-UA: ").append(hostname).append("; Sieve\r\n");
        m.append("Final-Recipient: rfc822; ").append(recipient).append("\r\n");
        if (messageId != null) {
            m.append("Original-Message-ID: ").append(oneLine(messageId)).append("\r\n");
        }
        m.append("Disposition: automatic-action/MDN-sent-automatically; deleted\r\n\r\n");
        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Type: text/rfc822-headers\r\n\r\n");
        m.append(crlf(new String(headerSection, StandardCharsets.UTF_8)));
        m.append("\r\n--").append(boundary).append("--\r\n");
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void common(StringBuilder m) {
        m.append("Date: ").append(DATE.format(clock.instant().atZone(ZoneOffset.UTC))).append("\r\n");
        m.append("Message-ID: <").append(UUID.randomUUID()).append('@').append(hostname).append(">\r\n");
    }

    /** RFC 5230 5.7 / RFC 5322 3.6.4: In-Reply-To and References point at the original. */
    private static void threading(StringBuilder m, SieveMessage original) {
        List<String> ids = original.header("message-id");
        if (ids.isEmpty()) {
            return;
        }
        String id = oneLine(ids.getFirst());
        m.append("In-Reply-To: ").append(id).append("\r\n");
        String references = original.header("references").stream().findFirst().map(SieveReplies::oneLine).orElse("");
        m.append("References: ").append(references.isEmpty() ? id : references + " " + id).append("\r\n");
    }

    /** A text/plain part: 7bit when ASCII, else base64, so it passes any relay. */
    private static void text(StringBuilder m, String body) {
        String content = crlf(body);
        if (!content.endsWith("\r\n")) {
            content += "\r\n";
        }
        boolean ascii = content.chars().allMatch(c -> c < 0x80);
        m.append("Content-Type: text/plain; charset=utf-8\r\n");
        if (ascii) {
            m.append("Content-Transfer-Encoding: 7bit\r\n\r\n").append(content);
        } else {
            m.append("Content-Transfer-Encoding: base64\r\n\r\n")
                    .append(Base64.getMimeEncoder(76, new byte[] {'\r', '\n'})
                            .encodeToString(content.getBytes(StandardCharsets.UTF_8)))
                    .append("\r\n");
        }
    }

    /** RFC 2047 B-encoding for non-ASCII header text. */
    private static String encodeWord(String text) {
        if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            // Encoded words are at most 75 characters (RFC 2047 2); 30 chars of text keep well within it.
            int end = Math.min(text.length(), i + 30);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            if (out.length() > 0) {
                out.append("\r\n ");
            }
            out.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(
                    text.substring(i, end).getBytes(StandardCharsets.UTF_8))).append("?=");
            i = end;
        }
        return out.toString();
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ").strip();
    }

    private static String crlf(String s) {
        return s.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n");
    }
}
