package org.mailplatform.smtp;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

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
 * @param requireTls REQUIRETLS given (RFC 8689 2); only valid on a TLS session, which the command checks
 */
public record MailParameters(OptionalLong size, BodyType body, boolean smtpUtf8, DsnReturn ret, String envid, String auth,
                             boolean requireTls) {

    public MailParameters(OptionalLong size, BodyType body, boolean smtpUtf8, DsnReturn ret, String envid, String auth) {
        this(size, body, smtpUtf8, ret, envid, auth, false);
    }

    /** RFC 3461 4.4: ENVID is at most 100 characters. */
    static final int MAX_ENVID = 100;
    private static final Set<String> ENUMERATED = Set.of("BODY", "RET");

    public static MailParameters parse(Map<String, String> params, boolean dsnEnabled, boolean chunkingEnabled)
            throws SmtpSyntaxException {
        OptionalLong size = OptionalLong.empty();
        BodyType body = BodyType.SEVEN_BIT;
        boolean utf8 = false;
        DsnReturn ret = null;
        String envid = null;
        String auth = null;
        boolean requireTls = false;
        for (Map.Entry<String, String> p : params.entrySet()) {
            String v = p.getValue();
            if (ENUMERATED.contains(p.getKey()) && !v.chars().allMatch(c -> c < 0x80)) {
                // Case-insensitive keywords are ASCII: "8bıtmıme" must not upper-case into 8BITMIME.
                throw SmtpSyntaxException.badParameter("Bad value for " + p.getKey());
            }
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
                    envid = envid(v);
                }
                case "AUTH" -> {
                    // RFC 4954 5: "<>" or the xtext of a mailbox; RFC 6531 3.3 lets it hold UTF-8.
                    String mailbox = Xtext.decodeUtf8(v);
                    if (mailbox.isEmpty() || !Xtext.isPrintableUnicode(mailbox)) {
                        throw SmtpSyntaxException.badParameter("Bad AUTH parameter");
                    }
                    auth = mailbox.equals("<>") ? null : mailbox;
                }
                case "REQUIRETLS" -> {
                    // RFC 8689 2: the parameter has no value.
                    if (!v.isEmpty()) {
                        throw SmtpSyntaxException.badParameter("REQUIRETLS takes no value");
                    }
                    requireTls = true;
                }
                default -> throw unrecognized(p.getKey());
            }
        }
        return new MailParameters(size, body, utf8, ret, envid, auth, requireTls);
    }

    /**
     * RFC 3461 4.4: xtext of at most 100 characters of printable US-ASCII; a CR LF smuggled in as
     * "+0D+0A" would otherwise reach the Original-Envelope-Id field of a DSN (RFC 3464 2.2.1).
     */
    private static String envid(String xtext) throws SmtpSyntaxException {
        String envid = Xtext.decode(xtext);
        if (envid.length() > MAX_ENVID) {
            throw SmtpSyntaxException.badParameter("ENVID longer than " + MAX_ENVID + " characters");
        }
        if (!Xtext.isPrintableAscii(envid)) {
            throw SmtpSyntaxException.badParameter("ENVID must be printable US-ASCII");
        }
        return envid;
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
