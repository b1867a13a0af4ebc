package org.mailplatform.imap.protocol;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * A response code, the bracketed part of {@code resp-text} (RFC 9051 7.1, RFC 3501 7.1), e.g.
 * {@code [UIDVALIDITY 3857529045]}. {@code data} is the text after the name exactly as it goes on
 * the wire, or null; the factories build it in the form each code's grammar requires.
 */
public record ResponseCode(String name, String data) {

    // RFC 3501 7.1 / RFC 9051 7.1
    public static final ResponseCode ALERT = of("ALERT");
    public static final ResponseCode PARSE = of("PARSE");
    public static final ResponseCode READ_ONLY = of("READ-ONLY");
    public static final ResponseCode READ_WRITE = of("READ-WRITE");
    public static final ResponseCode TRYCREATE = of("TRYCREATE");
    public static final ResponseCode BADCHARSET = of("BADCHARSET");
    public static final ResponseCode HASCHILDREN = of("HASCHILDREN");
    public static final ResponseCode UNKNOWN_CTE = of("UNKNOWN-CTE");
    public static final ResponseCode UIDNOTSTICKY = of("UIDNOTSTICKY");
    // RFC 5530
    public static final ResponseCode UNAVAILABLE = of("UNAVAILABLE");
    public static final ResponseCode AUTHENTICATIONFAILED = of("AUTHENTICATIONFAILED");
    public static final ResponseCode AUTHORIZATIONFAILED = of("AUTHORIZATIONFAILED");
    public static final ResponseCode EXPIRED = of("EXPIRED");
    public static final ResponseCode PRIVACYREQUIRED = of("PRIVACYREQUIRED");
    public static final ResponseCode CONTACTADMIN = of("CONTACTADMIN");
    public static final ResponseCode NOPERM = of("NOPERM");
    public static final ResponseCode INUSE = of("INUSE");
    public static final ResponseCode EXPUNGEISSUED = of("EXPUNGEISSUED");
    public static final ResponseCode CORRUPTION = of("CORRUPTION");
    public static final ResponseCode SERVERBUG = of("SERVERBUG");
    public static final ResponseCode CLIENTBUG = of("CLIENTBUG");
    public static final ResponseCode CANNOT = of("CANNOT");
    public static final ResponseCode LIMIT = of("LIMIT");
    public static final ResponseCode OVERQUOTA = of("OVERQUOTA");
    public static final ResponseCode ALREADYEXISTS = of("ALREADYEXISTS");
    public static final ResponseCode NONEXISTENT = of("NONEXISTENT");
    // RFC 4469 / RFC 9051 7.1
    public static final ResponseCode TOOBIG = of("TOOBIG");
    // RFC 7162 3.1.2, 3.2.7
    public static final ResponseCode NOMODSEQ = of("NOMODSEQ");
    public static final ResponseCode CLOSED = of("CLOSED");
    // RFC 5182 2.1
    public static final ResponseCode NOTSAVED = of("NOTSAVED");
    // RFC 4978 4
    public static final ResponseCode COMPRESSIONACTIVE = of("COMPRESSIONACTIVE");
    // RFC 6154 5.3
    public static final ResponseCode USEATTR = of("USEATTR");

    public ResponseCode {
        if (name == null || name.isEmpty() || !name.chars().allMatch(ResponseCode::isNameChar)) {
            throw new IllegalArgumentException("Invalid response code name: " + name);
        }
        // The code ends at the first "]" and a response line cannot contain CR or LF.
        if (data != null && (data.isEmpty() || data.chars().anyMatch(c -> c == ']' || c == '\r' || c == '\n'))) {
            throw new IllegalArgumentException("Invalid response code data for " + name);
        }
    }

    public static ResponseCode of(String name) {
        return new ResponseCode(name.toUpperCase(Locale.ROOT), null);
    }

    public static ResponseCode of(String name, String data) {
        return new ResponseCode(name.toUpperCase(Locale.ROOT), data);
    }

    /** {@code [CAPABILITY IMAP4rev1 ...]}: RFC 9051 7.1. */
    public static ResponseCode capability(Collection<String> capabilities) {
        return of("CAPABILITY", String.join(" ", capabilities));
    }

    /** {@code [PERMANENTFLAGS (\Seen \*)]}: RFC 9051 7.1; {@code \*} allows new keywords. */
    public static ResponseCode permanentFlags(Collection<String> flags) {
        return of("PERMANENTFLAGS", "(" + String.join(" ", flags) + ")");
    }

    /** {@code [BADCHARSET (UTF-8 US-ASCII)]}: RFC 9051 7.1, the charsets SEARCH supports. */
    public static ResponseCode badCharset(List<String> supported) {
        if (supported.isEmpty()) {
            return BADCHARSET;
        }
        StringBuilder sb = new StringBuilder("(");
        for (String charset : supported) {
            if (sb.length() > 1) {
                sb.append(' ');
            }
            sb.append(ImapStrings.isAtom(charset) ? charset : ImapStrings.quote(charset));
        }
        return of("BADCHARSET", sb.append(')').toString());
    }

    public static ResponseCode uidNext(long uidNext) {
        return of("UIDNEXT", Long.toString(uidNext));
    }

    public static ResponseCode uidValidity(long uidValidity) {
        return of("UIDVALIDITY", Long.toString(uidValidity));
    }

    /** RFC 3501 7.1 (not in IMAP4rev2): the first unseen message's sequence number. */
    public static ResponseCode unseen(long sequenceNumber) {
        return of("UNSEEN", Long.toString(sequenceNumber));
    }

    /** {@code [APPENDUID uidvalidity uid]}: RFC 4315 3, RFC 9051 7.1. */
    public static ResponseCode appendUid(long uidValidity, long uid) {
        return of("APPENDUID", uidValidity + " " + uid);
    }

    /** {@code [APPENDUID uidvalidity uid-set]} for MULTIAPPEND: RFC 4315 3. */
    public static ResponseCode appendUid(long uidValidity, SequenceSet uids) {
        return of("APPENDUID", uidValidity + " " + uids);
    }

    /**
     * {@code [COPYUID uidvalidity source-uids destination-uids]}: RFC 4315 3, RFC 9051 7.1. The
     * two sets must list corresponding messages in the same order.
     */
    public static ResponseCode copyUid(long uidValidity, SequenceSet source, SequenceSet destination) {
        return of("COPYUID", uidValidity + " " + source + " " + destination);
    }

    /** RFC 7162 3.1.2.1. */
    public static ResponseCode highestModSeq(long modSeq) {
        return of("HIGHESTMODSEQ", Long.toString(modSeq));
    }

    /** {@code [MODIFIED 7,9]}: RFC 7162 3.1.3, messages that failed the UNCHANGEDSINCE test. */
    public static ResponseCode modified(SequenceSet set) {
        return of("MODIFIED", set.toString());
    }

    /** {@code [REFERRAL imap-url]}: RFC 2221 / RFC 2193. */
    public static ResponseCode referral(String imapUrl) {
        return of("REFERRAL", imapUrl);
    }

    /** The wire form including brackets, e.g. {@code [UIDNEXT 4392]}. */
    public String toWire() {
        return data == null ? "[" + name + "]" : "[" + name + " " + data + "]";
    }

    @Override
    public String toString() {
        return toWire();
    }

    private static boolean isNameChar(int c) {
        return ImapStrings.isAtomChar(c);
    }
}
