package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;

/**
 * SUBSCRIBE: RFC 9051 6.3.7, RFC 3501 6.3.6. Any name that could be a mailbox can be subscribed,
 * whether or not the mailbox exists (yet); names a mailbox could never have get NO [CANNOT].
 */
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
        String name = MailboxLookup.nextNewName(reader, session);
        reader.end();
        session.services().mailboxes().subscribe(session.accountId(), MailboxLookup.validNewName(name));
        return Completion.ok("SUBSCRIBE completed");
    }
}
