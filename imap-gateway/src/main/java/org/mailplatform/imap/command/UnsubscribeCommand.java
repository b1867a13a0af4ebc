package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.store.mailbox.Mailbox;

/** UNSUBSCRIBE: RFC 9051 6.3.8. */
final class UnsubscribeCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("UNSUBSCRIBE");
    }

    @Override
    public Set<SessionState> states() {
        return States.AUTHENTICATED;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException, ImapCommandException {
        ImapArgReader reader = request.reader();
        String name = MailboxLookup.nextName(reader, session);
        reader.end();
        Mailbox mailbox = MailboxLookup.find(session, name)
                .orElseThrow(() -> ImapCommandException.no(ResponseCode.NONEXISTENT, "Not subscribed"));
        session.services().mailboxes().setSubscribed(session.accountId(), mailbox.name(), false);
        return Completion.ok("UNSUBSCRIBE completed");
    }
}
