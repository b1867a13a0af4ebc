package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;

/** SELECT: RFC 9051 6.3.2, RFC 3501 6.3.1; read-write. */
final class SelectCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("SELECT");
    }

    @Override
    public Set<SessionState> states() {
        return States.AUTHENTICATED;
    }

    @Override
    public Set<CommandFlag> flags(ImapRequest request) {
        return Set.of(CommandFlag.NO_UPDATES);
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException, ImapCommandException {
        return MailboxOpening.open(request, session, false);
    }
}
