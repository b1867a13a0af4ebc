package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapStatus;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;

/**
 * STARTTLS: RFC 9051 6.2.1. The tagged OK goes out in plaintext, then TLS starts; anything the
 * client pipelined behind the command is discarded (CVE-2011-0411), and the client must ask for
 * CAPABILITY again.
 */
final class StartTlsCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("STARTTLS");
    }

    @Override
    public Set<SessionState> states() {
        return States.NOT_AUTHENTICATED;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException, ImapCommandException {
        request.reader().end();
        if (!session.connection().canStartTls()) {
            throw ImapCommandException.bad("TLS is already active or not offered here");
        }
        session.tagged(request.tag(), ImapStatus.OK, null, "Begin TLS negotiation now");
        session.connection().startTls(session.out().drain());
        session.tlsStarted();
        return Completion.deferred();
    }
}
