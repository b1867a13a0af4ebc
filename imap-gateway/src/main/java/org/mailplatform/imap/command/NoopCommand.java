package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;

/** NOOP: RFC 9051 6.1.2; its point is the mailbox updates sent before the OK. */
final class NoopCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("NOOP");
    }

    @Override
    public Set<SessionState> states() {
        return States.ANY;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException {
        request.reader().end();
        return Completion.ok("NOOP completed");
    }
}
