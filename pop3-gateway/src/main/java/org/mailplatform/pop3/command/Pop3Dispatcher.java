package org.mailplatform.pop3.command;

import java.util.Optional;

import org.mailplatform.kernel.Line;
import org.mailplatform.pop3.protocol.Pop3CommandLine;
import org.mailplatform.pop3.protocol.Pop3Error;
import org.mailplatform.pop3.protocol.ResponseCode;
import org.mailplatform.pop3.session.Continuation;
import org.mailplatform.pop3.session.Pop3Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each client line: to a pending AUTH exchange, or to the command its keyword names after
 * checking the session's state. Every refusal becomes one {@code -ERR} line here; the connection
 * stays usable (RFC 1939 3) unless a multi-line response was already under way.
 */
public final class Pop3Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Pop3Dispatcher.class);

    public void onLine(Pop3Session session, Line line) {
        Optional<Continuation> continuation = session.takeContinuation();
        if (line.tooLong()) {
            continuation.ifPresent(Continuation::abandon);
            session.error(new Pop3Error("Line too long"));
            return;
        }
        try {
            if (continuation.isPresent()) {
                continuation.get().onLine(session, line);
                return;
            }
            dispatch(session, Pop3CommandLine.parse(line.bytes()));
        } catch (Pop3Error e) {
            session.error(e);
        } catch (RuntimeException e) {
            // Typically the database: a temporary failure for this command, not the end of the session.
            log.warn("POP3 command failed in session {}: {}", session.connection().sessionId(), e.toString(), e);
            if (!session.abortIfMidResponse()) {
                session.error(new Pop3Error(ResponseCode.SYS_TEMP, "Temporary failure, try again later"));
            }
        }
    }

    private static void dispatch(Pop3Session session, Pop3CommandLine line) throws Pop3Error {
        Optional<Pop3Command> command = Pop3Commands.find(line.keyword());
        if (!session.countCommandBeforeLogin()) {
            return;
        }
        if (command.isEmpty()) {
            throw new Pop3Error("Unknown command");
        }
        if (!command.get().states().contains(session.state())) {
            throw new Pop3Error("Command not valid in this state");
        }
        command.get().execute(session, line);
    }
}
