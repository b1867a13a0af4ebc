package org.mailplatform.mta.dsn;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.mailplatform.mta.client.WireData;
import org.mailplatform.records.OriginalRecipient;
import org.mailplatform.smtp.ReceivedField;

/**
 * Writes a DSN as an RFC 5322 message: multipart/report (RFC 6522) with report-type
 * delivery-status, holding a human-readable text/plain part, the message/delivery-status part of
 * RFC 3464 and, when there is something to return, the original's header section
 * (text/rfc822-headers) or the whole original (message/rfc822). Lines end with CRLF.
 */
public final class DsnMessageWriter {

    private static final String CRLF = "\r\n";
    private static final int FOLD_AT = 76;
    // An SMTP reply: RFC 3464 2.3.6 lets such diagnostics be typed "smtp".
    private static final Pattern SMTP_REPLY = Pattern.compile("[245][0-9][0-9]( .*)?");
    private static final int MAX_DIAGNOSTIC = 900;

    private final String hostname;
    private final ZoneId zone;

    /** @param hostname this MTA's name: Reporting-MTA and MAILER-DAEMON's domain */
    public DsnMessageWriter(String hostname, ZoneId zone) {
        this.hostname = hostname;
        this.zone = zone;
    }

    public String hostname() {
        return hostname;
    }

    public byte[] write(DeliveryStatusNotice notice, Instant now) {
        boolean utf8 = notice.smtpUtf8() || !isAscii(notice.originalSender())
                || notice.recipients().stream().anyMatch(r -> !isAscii(r.address()));
        String boundary = boundary(notice);
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096 + notice.returnedContent().length);
        text(out, field("Date", date(now)));
        text(out, "From: Mail Delivery System <MAILER-DAEMON@" + hostname + ">" + CRLF);
        text(out, field("To", "<" + notice.originalSender() + ">"));
        text(out, field("Subject", subject(notice)));
        text(out, field("Message-ID", "<" + notice.dsnQueueId() + "@" + hostname + ">"));
        // RFC 3834 5: a machine-generated reply, which auto-responders must not answer.
        text(out, "Auto-Submitted: auto-replied" + CRLF);
        text(out, "MIME-Version: 1.0" + CRLF);
        text(out, "Content-Type: multipart/report; report-type=delivery-status;" + CRLF
                + "\tboundary=\"" + boundary + "\"" + CRLF);
        text(out, CRLF + "This is a MIME-encapsulated delivery status notification." + CRLF + CRLF);

        text(out, "--" + boundary + CRLF);
        text(out, "Content-Description: Notification" + CRLF);
        text(out, "Content-Type: text/plain; charset=" + (utf8 ? "utf-8" : "us-ascii") + CRLF);
        if (utf8) {
            text(out, "Content-Transfer-Encoding: 8bit" + CRLF);
        }
        text(out, CRLF + humanReadable(notice) + CRLF);

        text(out, "--" + boundary + CRLF);
        text(out, "Content-Description: Delivery report" + CRLF);
        // RFC 6533 3: reports on internationalised mail use message/global-delivery-status.
        text(out, "Content-Type: message/" + (utf8 ? "global-delivery-status" : "delivery-status") + CRLF);
        if (utf8) {
            text(out, "Content-Transfer-Encoding: 8bit" + CRLF);
        }
        text(out, CRLF + deliveryStatus(notice, utf8));

        byte[] returned = notice.returnedContent();
        if (returned.length > 0) {
            text(out, CRLF + "--" + boundary + CRLF);
            text(out, "Content-Description: " + (notice.returnsFullMessage() ? "Undelivered Message" : "Message Headers") + CRLF);
            text(out, "Content-Type: " + returnedType(notice.returnsFullMessage(), utf8) + CRLF);
            if (!WireData.sevenBitClean(returned)) {
                text(out, "Content-Transfer-Encoding: 8bit" + CRLF);
            }
            text(out, CRLF);
            out.writeBytes(WireData.normalized(returned));
        }
        text(out, CRLF + "--" + boundary + "--" + CRLF);
        return out.toByteArray();
    }

    // RFC 6533 3: message/global and message/global-headers carry UTF-8 header fields.
    private static String returnedType(boolean full, boolean utf8) {
        if (full) {
            return utf8 ? "message/global" : "message/rfc822";
        }
        return utf8 ? "message/global-headers" : "text/rfc822-headers";
    }

    private static String subject(DeliveryStatusNotice notice) {
        if (notice.reportsFailure()) {
            return "Undelivered Mail Returned to Sender";
        }
        if (notice.reportsDelay()) {
            return "Delayed Mail (still being retried)";
        }
        return "Successful Mail Delivery Report";
    }

    private String humanReadable(DeliveryStatusNotice notice) {
        StringBuilder sb = new StringBuilder();
        sb.append("This is the mail system at host ").append(hostname).append('.').append(CRLF).append(CRLF);
        Set<DsnAction> actions = EnumSet.noneOf(DsnAction.class);
        notice.recipients().forEach(r -> actions.add(r.action()));
        if (actions.contains(DsnAction.FAILED)) {
            wrap(sb, "I'm sorry to have to inform you that your message could not be delivered to one or more "
                    + "recipients. The reasons are given below.");
        }
        if (actions.contains(DsnAction.DELAYED)) {
            Instant until = notice.recipients().stream().map(DsnRecipient::willRetryUntil)
                    .filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
            wrap(sb, "Your message could not be delivered yet to one or more recipients. Delivery will be tried "
                    + "again" + (until == null ? "" : " until " + date(until)) + "; there is no need to send it again.");
        }
        if (actions.contains(DsnAction.DELIVERED)) {
            wrap(sb, "Your message was delivered to the destination listed below.");
        }
        if (actions.contains(DsnAction.RELAYED)) {
            wrap(sb, "Your message was passed on to the destination listed below, whose mail system will not "
                    + "send further notices.");
        }
        sb.append(CRLF);
        for (DsnRecipient r : notice.recipients()) {
            String line = "<" + r.address() + ">: " + r.action().keyword() + " (" + r.status() + ")"
                    + (r.remoteMta() == null ? "" : " at " + r.remoteMta())
                    + (r.diagnostic() == null ? "" : ": " + diagnostic(r.diagnostic()));
            wrap(sb, line);
        }
        return sb.toString();
    }

    /** RFC 3464 2.2 and 2.3: per-message fields, then one block per recipient. */
    private String deliveryStatus(DeliveryStatusNotice notice, boolean utf8) {
        StringBuilder sb = new StringBuilder();
        sb.append(field("Reporting-MTA", "dns; " + hostname));
        sb.append(field("X-MailPlatform-Queue-ID", notice.originalQueueId()));
        if (notice.envelopeId() != null) {
            sb.append(field("Original-Envelope-Id", notice.envelopeId()));
        }
        sb.append(field("Arrival-Date", date(notice.arrivalDate())));
        for (DsnRecipient r : notice.recipients()) {
            sb.append(CRLF);
            OriginalRecipient orcpt = r.originalRecipient();
            if (orcpt != null && (utf8 || isAscii(orcpt.address()))) {
                sb.append(field("Original-Recipient", orcpt.addressType() + "; " + orcpt.address()));
            }
            // RFC 6533 3: a non-ASCII address has the address type utf-8.
            sb.append(field("Final-Recipient", (isAscii(r.address()) ? "rfc822" : "utf-8") + "; " + r.address()));
            sb.append(field("Action", r.action().keyword()));
            sb.append(field("Status", r.status()));
            if (r.remoteMta() != null) {
                sb.append(field("Remote-MTA", "dns; " + r.remoteMta()));
            }
            if (r.diagnostic() != null) {
                String diagnostic = diagnostic(r.diagnostic());
                String type = SMTP_REPLY.matcher(diagnostic).matches() ? "smtp" : "X-MailPlatform";
                sb.append(field("Diagnostic-Code", type + "; " + diagnostic));
            }
            if (r.lastAttemptAt() != null) {
                sb.append(field("Last-Attempt-Date", date(r.lastAttemptAt())));
            }
            if (r.willRetryUntil() != null && r.action() == DsnAction.DELAYED) {
                sb.append(field("Will-Retry-Until", date(r.willRetryUntil())));
            }
        }
        return sb.toString();
    }

    private String date(Instant instant) {
        return ReceivedField.RFC5322_DATE.format(instant.atZone(zone));
    }

    private static String diagnostic(String text) {
        String oneLine = text.replaceAll("[\\p{Cntrl}]", " ").strip();
        return oneLine.length() > MAX_DIAGNOSTIC ? oneLine.substring(0, MAX_DIAGNOSTIC) : oneLine;
    }

    /** A header field folded at white space (RFC 5322 2.2.3), ending with CRLF. */
    static String field(String name, String value) {
        String line = name + ": " + value.replaceAll("[\\r\\n]", " ");
        StringBuilder sb = new StringBuilder(line.length() + 8);
        int start = 0;
        while (line.length() - start > FOLD_AT) {
            int space = line.lastIndexOf(' ', start + FOLD_AT);
            if (space <= start + name.length() + 1) {
                space = line.indexOf(' ', start + FOLD_AT);
                if (space < 0) {
                    break;
                }
            }
            sb.append(line, start, space).append(CRLF);
            start = space;
        }
        return sb.append(line, start, line.length()).append(CRLF).toString();
    }

    private static void wrap(StringBuilder sb, String paragraph) {
        int lineStart = sb.length();
        for (String word : paragraph.split(" ")) {
            if (sb.length() > lineStart && sb.length() - lineStart + 1 + word.length() > FOLD_AT) {
                sb.append(CRLF);
                lineStart = sb.length();
                sb.append("    ");
            } else if (sb.length() > lineStart) {
                sb.append(' ');
            }
            sb.append(word);
        }
        sb.append(CRLF);
    }

    /** Unique per DSN; made longer if the returned content happens to contain it (RFC 2046 5.1.1). */
    private static String boundary(DeliveryStatusNotice notice) {
        String boundary = "=_dsn_" + notice.dsnQueueId();
        String content = new String(notice.returnedContent(), StandardCharsets.ISO_8859_1);
        while (content.contains(boundary)) {
            boundary = boundary + "_x";
        }
        return boundary;
    }

    private static void text(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }
}
