package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;

/** UNSELECT: RFC 3691, RFC 9051 6.4.2; deselects without expunging. */
final class UnselectCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("UNSELECT");
    }

    @Override
    public Set<SessionState> states() {
        return States.SELECTED;
    }

    @Override
    public Set<CommandFlag> flags(ImapRequest request) {
        return Set.of(CommandFlag.NO_UPDATES);
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException {
        request.reader().end();
        session.deselect();
        return Completion.ok("UNSELECT completed");
    }
}
