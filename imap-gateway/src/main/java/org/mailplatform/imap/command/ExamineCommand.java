package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;

/** EXAMINE: RFC 9051 6.3.3, RFC 3501 6.3.2; like SELECT, read-only (no \Seen is set by FETCH either). */
final class ExamineCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("EXAMINE");
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
        return MailboxOpening.open(request, session, true);
    }
}
