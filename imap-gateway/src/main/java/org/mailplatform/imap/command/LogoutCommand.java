package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapStatus;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;

/** LOGOUT: RFC 9051 6.1.3; BYE, then the tagged OK, then the server closes. */
final class LogoutCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("LOGOUT");
    }

    @Override
    public Set<SessionState> states() {
        return States.ANY;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException {
        request.reader().end();
        session.out().untagged(ImapStatus.BYE, null, "Logging out");
        session.tagged(request.tag(), ImapStatus.OK, null, "LOGOUT completed");
        session.loggingOut();
        return Completion.deferred();
    }
}
