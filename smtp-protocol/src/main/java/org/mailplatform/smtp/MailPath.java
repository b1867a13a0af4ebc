package org.mailplatform.smtp;

import java.util.Locale;

/**
 * A reverse-path or forward-path from MAIL FROM / RCPT TO (RFC 5321 4.1.2), reduced to the
 * mailbox it names. A source route ({@code <@a,@b:user@c>}) is parsed and dropped, as RFC 5321
 * 4.1.1.3 and appendix C ask: the mail goes to {@code user@c} and nowhere else.
 *
 * @param localPart the local part as sent: a dot-string, or a quoted string with its quotes
 * @param domain    the domain or address literal (with brackets), lower-cased; empty for the null path
 */
public record MailPath(String localPart, String domain, boolean hadSourceRoute) {

    public static final MailPath NULL = new MailPath("", "", false);

    /** RFC 5321 4.1.1.3: "Postmaster" without a domain is always accepted as a recipient. */
    public static MailPath postmaster() {
        return new MailPath("postmaster", "", false);
    }

    public boolean isNull() {
        return localPart.isEmpty() && domain.isEmpty();
    }

    public boolean isBarePostmaster() {
        return domain.isEmpty() && "postmaster".equalsIgnoreCase(localPart);
    }

    public boolean quotedLocalPart() {
        return localPart.startsWith("\"");
    }

    public boolean isAddressLiteral() {
        return domain.startsWith("[");
    }

    /** True when the path holds characters beyond ASCII, which need SMTPUTF8 (RFC 6531 3.3). */
    public boolean needsSmtpUtf8() {
        return !isAscii(localPart) || !isAscii(domain);
    }

    /** The address as it goes into an envelope: {@code local@domain}, or "" for the null path. */
    public String address() {
        if (isNull()) {
            return "";
        }
        return domain.isEmpty() ? localPart : localPart + "@" + domain;
    }

    /** The path in angle brackets, as it is written back on the wire. */
    public String bracketed() {
        return "<" + address() + ">";
    }

    static MailPath of(String localPart, String domain, boolean hadSourceRoute) {
        return new MailPath(localPart, domain.toLowerCase(Locale.ROOT), hadSourceRoute);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return bracketed();
    }
}
