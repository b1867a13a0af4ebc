package org.mailplatform.imap.command;

import java.util.List;
import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.store.mailbox.Mailbox;

/** STATUS: RFC 9051 6.3.11; all counters come from one query. */
final class StatusCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("STATUS");
    }

    @Override
    public Set<SessionState> states() {
        return States.AUTHENTICATED;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException, ImapCommandException {
        ImapArgReader reader = request.reader();
        String name = MailboxLookup.nextName(reader, session);
        List<String> items = StatusItems.parse(reader.nextList());
        reader.end();
        Mailbox mailbox = MailboxLookup.selectable(session, name);
        StatusItems.write(session, mailbox, items);
        return Completion.ok("STATUS completed");
    }
}
