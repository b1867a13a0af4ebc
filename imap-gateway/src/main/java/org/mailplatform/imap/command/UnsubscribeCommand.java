package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;

/**
 * UNSUBSCRIBE: RFC 9051 6.3.8, RFC 3501 6.3.7; also of a name whose mailbox was deleted. A name
 * neither subscribed nor a mailbox gets NO [NONEXISTENT]; an existing mailbox that was not
 * subscribed is already where the client wants it.
 */
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
        boolean wasSubscribed = session.services().mailboxes().unsubscribe(session.accountId(), name);
        if (!wasSubscribed && MailboxLookup.find(session, name).isEmpty()) {
            throw ImapCommandException.no(ResponseCode.NONEXISTENT, "Not subscribed");
        }
        return Completion.ok("UNSUBSCRIBE completed");
    }
}
