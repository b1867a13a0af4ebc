package org.mailplatform.smtp;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

import org.mailplatform.records.BodyType;
import org.mailplatform.records.DsnReturn;

/**
 * The MAIL FROM parameters this server announces, checked and typed.
 *
 * @param size     SIZE= declared by the client (RFC 1870 6)
 * @param body     BODY= (RFC 6152 2: 7BIT, 8BITMIME; RFC 3030 3: BINARYMIME)
 * @param smtpUtf8 SMTPUTF8 given (RFC 6531 3.4)
 * @param ret      RET=FULL|HDRS (RFC 3461 4.3), null when absent
 * @param envid    ENVID= decoded from xtext (RFC 3461 4.4), null when absent
 * @param auth     AUTH= mailbox from a trusted submitter (RFC 4954 5), null when absent or "<>"
 */
public record MailParameters(OptionalLong size, BodyType body, boolean smtpUtf8, DsnReturn ret, String envid, String auth) {

    /** RFC 3461 4.4: ENVID is at most 100 characters. */
    static final int MAX_ENVID = 100;

    public static MailParameters parse(Map<String, String> params, boolean dsnEnabled, boolean chunkingEnabled)
            throws SmtpSyntaxException {
        OptionalLong size = OptionalLong.empty();
        BodyType body = BodyType.SEVEN_BIT;
        boolean utf8 = false;
        DsnReturn ret = null;
        String envid = null;
        String auth = null;
        for (Map.Entry<String, String> p : params.entrySet()) {
            String v = p.getValue();
            switch (p.getKey()) {
                case "SIZE" -> {
                    if (!v.matches("\\d{1,20}")) {
                        throw SmtpSyntaxException.badParameter("SIZE needs a number");
                    }
                    try {
                        size = OptionalLong.of(Long.parseLong(v));
                    } catch (NumberFormatException e) {
                        size = OptionalLong.of(Long.MAX_VALUE);
                    }
                }
                case "BODY" -> body = switch (v.toUpperCase(Locale.ROOT)) {
                    case "7BIT" -> BodyType.SEVEN_BIT;
                    case "8BITMIME" -> BodyType.EIGHT_BIT_MIME;
                    case "BINARYMIME" -> {
                        if (!chunkingEnabled) {
                            throw unrecognized("BODY=BINARYMIME");
                        }
                        yield BodyType.BINARY_MIME;
                    }
                    default -> throw SmtpSyntaxException.badParameter("Unknown BODY type");
                };
                case "SMTPUTF8" -> {
                    if (!v.isEmpty()) {
                        throw SmtpSyntaxException.badParameter("SMTPUTF8 takes no value");
                    }
                    utf8 = true;
                }
                case "RET" -> {
                    requireDsn(dsnEnabled, "RET");
                    ret = switch (v.toUpperCase(Locale.ROOT)) {
                        case "FULL" -> DsnReturn.FULL;
                        case "HDRS" -> DsnReturn.HDRS;
                        default -> throw SmtpSyntaxException.badParameter("RET must be FULL or HDRS");
                    };
                }
                case "ENVID" -> {
                    requireDsn(dsnEnabled, "ENVID");
                    envid = Xtext.decode(v);
                    if (envid.length() > MAX_ENVID) {
                        throw SmtpSyntaxException.badParameter("ENVID too long");
                    }
                    // RFC 3461 4.4: ENVID is printable US-ASCII; it is quoted in the DSN.
                    if (RcptParameters.hasControl(envid)) {
                        throw SmtpSyntaxException.badParameter("ENVID must be printable");
                    }
                }
                case "AUTH" -> {
                    String mailbox = Xtext.decode(v);
                    auth = mailbox.equals("<>") ? null : mailbox;
                }
                default -> throw unrecognized(p.getKey());
            }
        }
        return new MailParameters(size, body, utf8, ret, envid, auth);
    }

    private static void requireDsn(boolean dsnEnabled, String keyword) throws SmtpSyntaxException {
        if (!dsnEnabled) {
            throw unrecognized(keyword);
        }
    }

    /** RFC 5321 4.1.1.11 and 4.5.3: an unannounced parameter gets 555. */
    static SmtpSyntaxException unrecognized(String keyword) {
        return new SmtpSyntaxException(SmtpReply.of(555, "5.5.4", "Unsupported parameter " + keyword));
    }
}
