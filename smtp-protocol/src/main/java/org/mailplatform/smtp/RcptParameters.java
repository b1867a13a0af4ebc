package org.mailplatform.smtp;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

    /** RFC 3461 4.2 addr-type is a registered atom; none is near this long. */
    static final int MAX_ADDRESS_TYPE = 64;

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
                    for (String item : p.getValue().toUpperCase(Locale.ROOT).split(",", -1)) {
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
                case "ORCPT" -> {
                    int semi = p.getValue().indexOf(';');
                    if (semi <= 0) {
                        throw SmtpSyntaxException.badParameter("ORCPT needs addr-type;address");
                    }
                    String addressType = p.getValue().substring(0, semi);
                    if (addressType.length() > MAX_ADDRESS_TYPE) {
                        throw SmtpSyntaxException.badParameter("Bad ORCPT address type");
                    }
                    String address = Xtext.decode(p.getValue().substring(semi + 1));
                    // The address is quoted in a DSN's Original-Recipient field: no controls, not blank.
                    if (address.isBlank() || address.length() > 500 || hasControl(address)) {
                        throw SmtpSyntaxException.badParameter("Bad ORCPT address");
                    }
                    orcpt = new OriginalRecipient(addressType, address);
                }
                default -> throw MailParameters.unrecognized(p.getKey());
            }
        }
        return new RcptParameters(notify, orcpt);
    }

    static boolean hasControl(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
