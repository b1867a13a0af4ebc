package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.store.mailbox.Mailbox;

/** SUBSCRIBE: RFC 9051 6.3.7; only existing mailboxes can be subscribed here. */
final class SubscribeCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("SUBSCRIBE");
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
                .orElseThrow(() -> ImapCommandException.no(ResponseCode.NONEXISTENT, "No such mailbox"));
        session.services().mailboxes().setSubscribed(session.accountId(), mailbox.name(), true);
        return Completion.ok("SUBSCRIBE completed");
    }
}
