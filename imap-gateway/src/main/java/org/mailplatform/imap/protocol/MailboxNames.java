package org.mailplatform.imap.protocol;

/**
 * Mailbox names between the wire and the store, which keeps them as Unicode strings.
 * Without UTF-8 the wire form is modified UTF-7 (RFC 3501 5.1.3); once the client enabled
 * UTF8=ACCEPT (RFC 6855 3) or IMAP4rev2 (RFC 9051 5.1) names travel as raw UTF-8.
 */
public final class MailboxNames {

    public static final String INBOX = "INBOX";

    private MailboxNames() {
    }

    /** The name a client sent, decoded; INBOX in any case is INBOX (RFC 9051 5.1). */
    public static String decode(String wire, boolean utf8) throws ImapSyntaxException {
        if (wire.equalsIgnoreCase(INBOX)) {
            return INBOX;
        }
        if (wire.isEmpty()) {
            return wire;
        }
        if (utf8) {
            if (wire.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new ImapSyntaxException("Invalid mailbox name: control character");
            }
            return wire;
        }
        return ModifiedUtf7.decode(wire);
    }

    /** The wire form of a stored name. */
    public static String encode(String name, boolean utf8) {
        return utf8 ? name : ModifiedUtf7.encode(name);
    }
}
