package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;

/** NAMESPACE: RFC 2342, RFC 9051 6.3.10. One personal namespace, no others: nobody sees another's mailboxes. */
final class NamespaceCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("NAMESPACE");
    }

    @Override
    public Set<SessionState> states() {
        return States.AUTHENTICATED;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException {
        request.reader().end();
        session.out().untagged().atom("NAMESPACE")
                .openList().openList().string("").string("/").closeList().closeList()
                .nil().nil().end();
        return Completion.ok("NAMESPACE completed");
    }
}
