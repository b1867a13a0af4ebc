package org.mailplatform.imap.session;

import java.util.ArrayList;
import java.util.List;

import org.mailplatform.imap.protocol.ImapFlags;
import org.mailplatform.imap.protocol.ImapResponseWriter;
import org.mailplatform.imap.protocol.ImapStatus;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.response.FlagNames;

/**
 * The FLAGS response and the PERMANENTFLAGS response code that go with it (RFC 9051 7.3.5,
 * 7.1; RFC 3501 7.2.6): at SELECT, and again whenever a keyword the client has not been told of
 * is about to show up in a FETCH, since a client may only expect flags FLAGS listed.
 */
public final class MailboxFlags {

    private MailboxFlags() {
    }

    public static void write(ImapResponseWriter out, SelectedMailbox mailbox) {
        List<String> keywords = mailbox.announcedKeywords();
        List<String> flags = new ArrayList<>(FlagNames.SYSTEM);
        flags.addAll(keywords);
        out.untagged().atom("FLAGS").flags(flags).end();
        List<String> permanent = new ArrayList<>();
        if (!mailbox.readOnly()) {
            permanent.addAll(flags);
            permanent.add(ImapFlags.WILDCARD);
        }
        out.untagged(ImapStatus.OK, ResponseCode.permanentFlags(permanent), "Flags permitted");
    }
}
