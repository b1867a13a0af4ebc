package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.Capabilities;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;

/** CAPABILITY: RFC 9051 6.1.1. */
final class CapabilityCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("CAPABILITY");
    }

    @Override
    public Set<SessionState> states() {
        return States.ANY;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException {
        request.reader().end();
        var line = session.out().untagged().atom("CAPABILITY");
        Capabilities.of(session).forEach(line::atom);
        line.end();
        return Completion.ok("CAPABILITY completed");
    }
}
