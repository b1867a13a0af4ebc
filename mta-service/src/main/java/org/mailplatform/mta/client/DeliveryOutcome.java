package org.mailplatform.mta.client;

import java.util.Objects;
import java.util.regex.Pattern;

import org.mailplatform.smtp.SmtpReply;

/**
 * What one attempt did for one recipient: the RFC 3463 status and the text that explains it
 * (the peer's reply, or the client's own reason when it never asked the peer).
 *
 * @param kind       success, temporary or permanent failure
 * @param status     RFC 3463 status code, e.g. {@code 5.1.1}
 * @param diagnostic the reply as the peer gave it ({@code 550 5.1.1 No such user}), or the client's
 *                   reason; one line without control characters
 */
public record DeliveryOutcome(Kind kind, String status, String diagnostic) {

    public enum Kind { SUCCESS, TEMPORARY, PERMANENT }

    // RFC 3463 2: class "." subject "." detail, no leading zeros.
    private static final Pattern STATUS = Pattern.compile("[245]\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");
    private static final int MAX_DIAGNOSTIC = 1000;

    public DeliveryOutcome {
        Objects.requireNonNull(kind, "kind");
        if (status == null || !STATUS.matcher(status).matches()) {
            throw new IllegalArgumentException("not an RFC 3463 status: " + status);
        }
        diagnostic = clean(diagnostic);
    }

    public static DeliveryOutcome success(String status, String diagnostic) {
        return new DeliveryOutcome(Kind.SUCCESS, status, diagnostic);
    }

    public static DeliveryOutcome temporary(String status, String diagnostic) {
        return new DeliveryOutcome(Kind.TEMPORARY, status, diagnostic);
    }

    public static DeliveryOutcome permanent(String status, String diagnostic) {
        return new DeliveryOutcome(Kind.PERMANENT, status, diagnostic);
    }

    /**
     * The outcome a reply stands for. RFC 3463 3.1: the enhanced code's class must match the
     * reply's; when it does not, or there is none, the generic X.0.0 of the reply's class is used.
     */
    public static DeliveryOutcome of(SmtpReply reply) {
        char replyClass = (char) ('0' + reply.code() / 100);
        String status = reply.enhanced() != null && reply.enhanced().charAt(0) == replyClass
                && STATUS.matcher(reply.enhanced()).matches()
                ? reply.enhanced() : replyClass + ".0.0";
        Kind kind = reply.code() < 400 ? Kind.SUCCESS : reply.code() < 500 ? Kind.TEMPORARY : Kind.PERMANENT;
        return new DeliveryOutcome(kind, status, describe(reply));
    }

    /** A reply as one line: code, enhanced code, then the text of every line. */
    public static String describe(SmtpReply reply) {
        StringBuilder sb = new StringBuilder().append(reply.code());
        if (reply.enhanced() != null) {
            sb.append(' ').append(reply.enhanced());
        }
        for (String line : reply.lines()) {
            if (!line.isBlank()) {
                sb.append(' ').append(line.strip());
            }
        }
        return sb.toString();
    }

    public boolean isSuccess() {
        return kind == Kind.SUCCESS;
    }

    public boolean isTemporary() {
        return kind == Kind.TEMPORARY;
    }

    public boolean isPermanent() {
        return kind == Kind.PERMANENT;
    }

    /** Diagnostics end up in header fields (RFC 3464 Diagnostic-Code): no control characters, bounded. */
    private static String clean(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_DIAGNOSTIC));
        text.codePoints().forEach(cp -> {
            if (sb.length() < MAX_DIAGNOSTIC) {
                sb.appendCodePoint(cp < 0x20 || cp == 0x7f ? ' ' : cp);
            }
        });
        return sb.toString().strip();
    }
}
