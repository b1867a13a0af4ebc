package org.mailplatform.imap.command;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapStatus;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;

/**
 * IDLE: RFC 2177, RFC 9051 6.3.13. After {@code + idling} the client hears of changes to the
 * selected mailbox as they happen (EXISTS, EXPUNGE/VANISHED, FETCH FLAGS) until it sends DONE.
 */
final class IdleCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("IDLE");
    }

    @Override
    public Set<SessionState> states() {
        return States.AUTHENTICATED;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException {
        request.reader().end();
        String tag = request.tag();
        if (session.state() == SessionState.SELECTED) {
            session.writeUpdates(true);
        }
        session.out().continuation("idling");
        session.startIdle();
        session.awaitContinuation(line -> {
            session.endIdle();
            if (line != null && new String(line, StandardCharsets.US_ASCII).strip().equalsIgnoreCase("DONE")) {
                CommandDispatcher.complete(session, tag, Completion.ok("IDLE terminated"), Set.of());
            } else {
                session.tagged(tag, ImapStatus.BAD, null, "Expected DONE");
            }
        });
        session.flush();
        return Completion.deferred();
    }
}
