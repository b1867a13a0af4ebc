package org.mailplatform.imap.managesieve.command;

import java.util.List;
import java.util.Optional;

import org.mailplatform.imap.managesieve.protocol.SieveCommandLine;
import org.mailplatform.imap.managesieve.protocol.SieveError;
import org.mailplatform.imap.managesieve.protocol.Token;
import org.mailplatform.imap.managesieve.session.Continuation;
import org.mailplatform.imap.managesieve.session.ManageSieveSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each complete command: to a pending AUTHENTICATE exchange, or to the command its name
 * names after checking the session's state. Every refusal becomes one response line here.
 */
public final class SieveDispatcher {

    private static final Logger log = LoggerFactory.getLogger(SieveDispatcher.class);

    public void onCommand(ManageSieveSession session, List<Token> tokens) {
        try {
            Optional<Continuation> continuation = session.takeContinuation();
            if (continuation.isPresent()) {
                continuation.get().onResponse(session, tokens);
                return;
            }
            dispatch(session, tokens);
        } catch (SieveError e) {
            session.error(e);
        } catch (RuntimeException e) {
            // Typically the database: a temporary failure of this command, not the end of the session.
            log.warn("ManageSieve command failed in session {}: {}", session.context().sessionId(), e.toString(), e);
            session.error(SieveError.no("TRYLATER", "Temporary failure, try again later"));
        }
    }

    /** A line that could not be read as a command. */
    public void onMalformed(ManageSieveSession session, String problem) {
        session.takeContinuation().ifPresent(Continuation::abandon);
        if (session.countCommandBeforeLogin()) {
            session.badCommand(SieveError.no(problem));
        }
    }

    private static void dispatch(ManageSieveSession session, List<Token> tokens) throws SieveError {
        if (!session.countCommandBeforeLogin()) {
            return;
        }
        SieveCommandLine line;
        try {
            line = SieveCommandLine.of(tokens);
        } catch (SieveError e) {
            session.badCommand(e);
            return;
        }
        Optional<SieveCommand> command = SieveCommands.find(line.name());
        if (command.isEmpty()) {
            session.badCommand(SieveError.no("Unknown command"));
            return;
        }
        if (!command.get().states().contains(session.state())) {
            // RFC 5804 2: e.g. PUTSCRIPT before AUTHENTICATE, STARTTLS after it.
            session.badCommand(SieveError.no("Command not allowed in this state"));
            return;
        }
        command.get().execute(session, line);
    }
}
