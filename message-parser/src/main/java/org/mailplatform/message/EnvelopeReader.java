package org.mailplatform.message;

import java.util.List;

/** Builds the IMAP ENVELOPE (RFC 3501 7.4.2, RFC 9051 7.5.2) from a message header. */
final class EnvelopeReader {

    private EnvelopeReader() {
    }

    static Envelope read(byte[] raw, HeaderBlock header) {
        List<Address> from = addresses(raw, header, "From");
        List<Address> sender = addresses(raw, header, "Sender");
        List<Address> replyTo = addresses(raw, header, "Reply-To");
        return new Envelope(
                text(raw, header, "Date"),
                text(raw, header, "Subject"),
                from,
                // RFC 3501 7.4.2: an absent or empty Sender or Reply-To is set to the From value
                sender.isEmpty() ? from : sender,
                replyTo.isEmpty() ? from : replyTo,
                addresses(raw, header, "To"),
                addresses(raw, header, "Cc"),
                addresses(raw, header, "Bcc"),
                text(raw, header, "In-Reply-To"),
                text(raw, header, "Message-ID"));
    }

    private static String text(byte[] raw, HeaderBlock header, String name) {
        return Octets.toUnicode(header.value(raw, name));
    }

    private static List<Address> addresses(byte[] raw, HeaderBlock header, String name) {
        return AddressListParser.parse(text(raw, header, name));
    }
}
