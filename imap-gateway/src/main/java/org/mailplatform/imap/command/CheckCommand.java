package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;

/** CHECK: RFC 3501 6.4.1 (gone from IMAP4rev2); every change is already committed, so it is a NOOP. */
final class CheckCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("CHECK");
    }

    @Override
    public Set<SessionState> states() {
        return States.SELECTED;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException {
        request.reader().end();
        return Completion.ok("CHECK completed");
    }
}
