package org.mailplatform.message;

import java.util.List;

/**
 * The IMAP ENVELOPE of a message (RFC 3501 7.4.2, RFC 9051 7.5.2). Strings are the header values
 * unfolded but otherwise as sent (RFC 2047 encoded words are left for the client to decode);
 * null stands for NIL, an empty list for a NIL address list. Sender and Reply-To already default
 * to From when they are absent or empty, as the RFC requires of the server.
 */
public record Envelope(
        String date,
        String subject,
        List<Address> from,
        List<Address> sender,
        List<Address> replyTo,
        List<Address> to,
        List<Address> cc,
        List<Address> bcc,
        String inReplyTo,
        String messageId) {

    public static final Envelope EMPTY =
            new Envelope(null, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, null);

    public Envelope {
        from = copy(from);
        sender = copy(sender);
        replyTo = copy(replyTo);
        to = copy(to);
        cc = copy(cc);
        bcc = copy(bcc);
    }

    private static List<Address> copy(List<Address> addresses) {
        return addresses == null ? List.of() : List.copyOf(addresses);
    }
}
