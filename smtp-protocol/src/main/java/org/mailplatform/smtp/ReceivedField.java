package org.mailplatform.smtp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The Received trace field a server prepends to each message it accepts (RFC 5321 4.4), with the
 * protocol types of RFC 3848 and RFC 6531 4.3, the TLS protocol and cipher (RFC 8314 4.3) and the
 * authenticated sender (RFC 4954 7).
 */
public final class ReceivedField {

    /** RFC 5322 3.3 date-time. */
    public static final DateTimeFormatter RFC5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private ReceivedField() {
    }

    public static byte[] build(String hostname, SmtpSessionInfo session, SmtpTransaction tx, String queueId,
                               ZonedDateTime when) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("Received: from ").append(clean(session.heloName() == null ? "unknown" : session.heloName()))
                .append(" (").append(addressLiteral(session.clientAddress())).append(")\r\n");
        sb.append("\tby ").append(hostname).append(" with ").append(protocol(session, tx))
                .append(" id ").append(queueId).append("\r\n");
        if (session.tlsInfo() != null) {
            sb.append("\t(using ").append(session.tlsInfo().protocol()).append(" with cipher ")
                    .append(session.tlsInfo().cipherSuite()).append(")\r\n");
        }
        if (session.authenticatedUser() != null) {
            sb.append("\t(authenticated sender: ").append(clean(session.authenticatedUser())).append(")\r\n");
        }
        // RFC 5321 4.4 and 7.6: name the recipient only when there is exactly one, so a copy never
        // reveals the other (possibly blind) recipients.
        if (tx.recipients().size() == 1) {
            sb.append("\tfor ").append(tx.recipients().get(0).path().bracketed()).append(';');
        } else {
            sb.setLength(sb.length() - 2);
            sb.append(';');
        }
        sb.append(' ').append(RFC5322_DATE.format(when)).append("\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 3848 2 and RFC 6531 4.3: SMTP, ESMTP, ESMTPS, ESMTPA, ESMTPSA, UTF8SMTP[S][A]. */
    static String protocol(SmtpSessionInfo session, SmtpTransaction tx) {
        if (!session.esmtp()) {
            return "SMTP";
        }
        String base = tx.parameters() != null && tx.parameters().smtpUtf8() ? "UTF8SMTP" : "ESMTP";
        return base + (session.tls() ? "S" : "") + (session.authenticated() ? "A" : "");
    }

    /** RFC 5321 4.1.3 address literal of the client. */
    static String addressLiteral(InetSocketAddress client) {
        if (client == null || client.getAddress() == null) {
            return "unknown";
        }
        InetAddress a = client.getAddress();
        String ip = a.getHostAddress();
        int scope = ip.indexOf('%');
        if (scope >= 0) {
            ip = ip.substring(0, scope);
        }
        return a instanceof Inet6Address ? "[IPv6:" + ip + "]" : "[" + ip + "]";
    }

    /** Client-supplied text goes into a comment: no controls, no parentheses to break out of it. */
    private static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(cp < 32 || cp == 127 || cp == '(' || cp == ')' || cp == '\\' ? '_' : cp));
        return sb.toString();
    }
}
