package org.mailplatform.smtp;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.mailplatform.records.DsnNotify;
import org.mailplatform.records.OriginalRecipient;

/**
 * RCPT TO parameters: the DSN extension's NOTIFY and ORCPT (RFC 3461 4.1, 4.2).
 *
 * @param notifyOn empty when NOTIFY was not given (the default then is FAILURE, and DELAY at the
 *               MTA's discretion: RFC 3461 4.1)
 * @param orcpt    ORCPT with its addr-type and the decoded address, null when absent
 */
public record RcptParameters(Set<DsnNotify> notifyOn, OriginalRecipient orcpt) {

    /** RFC 3461 4.2: the whole ORCPT value is at most 500 characters. */
    static final int MAX_ORCPT = 500;
    /** addr-type is an atom (RFC 3461 4.2, RFC 5322 3.2.3), an IANA address type such as rfc822 or utf-8. */
    private static final Pattern NOTIFY_LIST = Pattern.compile("[A-Za-z]+(,[A-Za-z]+)*");
    private static final Pattern ADDR_TYPE = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,64}");

    public RcptParameters {
        notifyOn = Set.copyOf(notifyOn);
    }

    public static RcptParameters parse(Map<String, String> params, boolean dsnEnabled) throws SmtpSyntaxException {
        EnumSet<DsnNotify> notify = EnumSet.noneOf(DsnNotify.class);
        OriginalRecipient orcpt = null;
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (!dsnEnabled) {
                throw MailParameters.unrecognized(p.getKey());
            }
            switch (p.getKey()) {
                case "NOTIFY" -> {
                    // RFC 3461 4.1: "NEVER" / 1#("SUCCESS" / "FAILURE" / "DELAY"), ASCII in any case.
                    if (!NOTIFY_LIST.matcher(p.getValue()).matches()) {
                        throw SmtpSyntaxException.badParameter("Bad NOTIFY value");
                    }
                    for (String item : p.getValue().toUpperCase(Locale.ROOT).split(",")) {
                        try {
                            notify.add(DsnNotify.valueOf(item));
                        } catch (IllegalArgumentException e) {
                            throw SmtpSyntaxException.badParameter("Bad NOTIFY value");
                        }
                    }
                    // RFC 3461 4.1: NEVER stands alone.
                    if (notify.contains(DsnNotify.NEVER) && notify.size() > 1) {
                        throw SmtpSyntaxException.badParameter("NOTIFY=NEVER cannot be combined");
                    }
                }
                case "ORCPT" -> orcpt = originalRecipient(p.getValue());
                default -> throw MailParameters.unrecognized(p.getKey());
            }
        }
        return new RcptParameters(notify, orcpt);
    }

    /**
     * RFC 3461 4.2: addr-type ";" xtext, at most 500 characters, the address printable US-ASCII once
     * decoded; for addr-type utf-8 the address is utf-8-addr-xtext or utf-8-addr-unitext (RFC 6533 3).
     * The decoded address goes into the Original-Recipient field of a DSN (RFC 3464 2.3.1), so no
     * control character gets through.
     */
    static OriginalRecipient originalRecipient(String value) throws SmtpSyntaxException {
        if (value.length() > MAX_ORCPT) {
            throw SmtpSyntaxException.badParameter("ORCPT longer than " + MAX_ORCPT + " characters");
        }
        int semi = value.indexOf(';');
        if (semi <= 0) {
            throw SmtpSyntaxException.badParameter("ORCPT needs addr-type;address");
        }
        String type = value.substring(0, semi);
        if (!ADDR_TYPE.matcher(type).matches()) {
            throw SmtpSyntaxException.badParameter("Bad ORCPT address type");
        }
        String encoded = value.substring(semi + 1);
        boolean utf8 = type.equalsIgnoreCase("utf-8");
        String address = utf8 ? Xtext.decodeUtf8Address(encoded) : Xtext.decode(encoded);
        boolean printable = utf8 ? Xtext.isPrintableUnicode(address) : Xtext.isPrintableAscii(address);
        if (address.isBlank() || !printable) {
            throw SmtpSyntaxException.badParameter("Bad ORCPT address");
        }
        return new OriginalRecipient(type, address);
    }
}
