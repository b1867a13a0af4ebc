package org.mailplatform.imap.response;

import java.util.List;

import org.mailplatform.imap.protocol.ImapResponseWriter;
import org.mailplatform.message.Address;
import org.mailplatform.message.Envelope;

/** The ENVELOPE fetch item (RFC 9051 7.5.2, RFC 3501 7.4.2). */
public final class EnvelopeWriter {

    private EnvelopeWriter() {
    }

    public static void write(ImapResponseWriter.Line line, Envelope e) {
        line.openList()
                .nstring(e.date())
                .nstring(e.subject());
        addresses(line, e.from());
        addresses(line, e.sender());
        addresses(line, e.replyTo());
        addresses(line, e.to());
        addresses(line, e.cc());
        addresses(line, e.bcc());
        line.nstring(e.inReplyTo())
                .nstring(e.messageId())
                .closeList();
    }

    /** {@code "(" 1*address ")"} with no space between the addresses, or NIL. */
    private static void addresses(ImapResponseWriter.Line line, List<Address> list) {
        if (list.isEmpty()) {
            line.nil();
            return;
        }
        line.openList();
        boolean first = true;
        for (Address a : list) {
            if (!first) {
                line.adjacent();
            }
            first = false;
            line.openList().nstring(a.name()).nstring(a.route()).nstring(a.mailbox()).nstring(a.host()).closeList();
        }
        line.closeList();
    }
}
