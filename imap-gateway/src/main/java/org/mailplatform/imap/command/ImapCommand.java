package org.mailplatform.imap.command;

import java.util.Set;

import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;

/**
 * One IMAP command: it parses its own arguments from the request and runs against the session.
 * The states it is allowed in and its flags are declared here and checked once by the
 * {@link CommandDispatcher}; failures are thrown as {@link ImapCommandException} or, for
 * arguments that do not match the grammar, {@link ImapSyntaxException}.
 */
public interface ImapCommand {

    /** The command names it serves, upper case; UID forms spelled {@code UID FETCH}. */
    Set<String> names();

    Set<SessionState> states();

    default Set<CommandFlag> flags(ImapRequest request) {
        return Set.of();
    }

    Completion execute(ImapRequest request, ImapSession session) throws ImapCommandException, ImapSyntaxException;
}
