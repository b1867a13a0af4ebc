package org.mailplatform.imap.command;

import java.time.Duration;
import java.util.Set;

import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapStatus;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.store.AlreadyExistsException;
import org.mailplatform.store.NotFoundException;
import org.mailplatform.store.OperationNotAllowedException;
import org.mailplatform.store.LimitExceededException;
import org.mailplatform.store.QuotaExceededException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Runs a parsed command: looks it up, checks the session state it needs, runs it, and maps how it
 * ended to the tagged reply, in this one place. Before a tagged OK the client hears what changed
 * in its selected mailbox (RFC 9051 7.4), without expunges for commands that use sequence
 * numbers (RFC 3501 7.4.1).
 */
public final class CommandDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

    private final CommandTable table;

    public CommandDispatcher(CommandTable table) {
        this.table = table;
    }

    public void dispatch(ImapRequest request, ImapSession session) {
        long start = System.nanoTime();
        String tag = request.tag();
        ImapCommand command = table.get(request.name());
        ImapStatus result;
        if (command == null) {
            session.tagged(tag, ImapStatus.BAD, null, "Unknown command");
            result = ImapStatus.BAD;
        } else if (!command.states().contains(session.state())) {
            session.tagged(tag, ImapStatus.BAD, null, notAllowed(session.state()));
            result = ImapStatus.BAD;
        } else {
            session.commandStarting();
            result = run(command, request, session);
        }
        session.services().metrics().command(command == null ? "OTHER" : request.name(), result.name(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static ImapStatus run(ImapCommand command, ImapRequest request, ImapSession session) {
        String tag = request.tag();
        try {
            Set<CommandFlag> flags = command.flags(request);
            Completion completion = command.execute(request, session);
            if (!completion.isDeferred()) {
                complete(session, tag, completion, flags);
            }
            return ImapStatus.OK;
        } catch (ImapSyntaxException e) {
            session.tagged(tag, ImapStatus.BAD, e.code(), e.getMessage());
            return ImapStatus.BAD;
        } catch (ImapCommandException e) {
            session.tagged(tag, e.status(), e.code(), e.getMessage());
            return e.status();
        } catch (RuntimeException e) {
            return failed(session, tag, e);
        }
    }

    /** The tagged OK, after the mailbox updates the client may be sent at that point. */
    public static void complete(ImapSession session, String tag, Completion completion, Set<CommandFlag> flags) {
        if (session.state() == SessionState.SELECTED && !flags.contains(CommandFlag.NO_UPDATES)) {
            try {
                session.writeUpdates(!flags.contains(CommandFlag.USES_SEQUENCE_NUMBERS));
            } catch (DataAccessException e) {
                // The command itself succeeded; the updates follow with the next command.
                log.warn("session {}: mailbox updates not read: {}", session.connection().sessionId(), e.getMessage());
            }
        }
        session.tagged(tag, ImapStatus.OK, completion.code(), completion.text());
    }

    /** A store refusal or fault as the client should hear it; never the exception's text for faults. */
    public static ImapStatus failed(ImapSession session, String tag, RuntimeException e) {
        switch (e) {
            case NotFoundException nf -> session.tagged(tag, ImapStatus.NO, ResponseCode.NONEXISTENT, "No such mailbox or message");
            case AlreadyExistsException ae -> session.tagged(tag, ImapStatus.NO, ResponseCode.ALREADYEXISTS, "Mailbox already exists");
            case QuotaExceededException qe -> session.tagged(tag, ImapStatus.NO, ResponseCode.OVERQUOTA, "Quota exceeded");
            case LimitExceededException le -> session.tagged(tag, ImapStatus.NO, ResponseCode.LIMIT, le.getMessage());
            case OperationNotAllowedException na -> session.tagged(tag, ImapStatus.NO, ResponseCode.CANNOT, na.getMessage());
            case DataAccessException da -> {
                log.warn("session {}: store unavailable: {}", session.connection().sessionId(), da.getMessage());
                session.tagged(tag, ImapStatus.NO, ResponseCode.UNAVAILABLE, "Mail store temporarily unavailable");
            }
            default -> {
                log.error("session {}: command failed", session.connection().sessionId(), e);
                session.tagged(tag, ImapStatus.NO, ResponseCode.SERVERBUG, "Internal error");
            }
        }
        return ImapStatus.NO;
    }

    private static String notAllowed(SessionState state) {
        return switch (state) {
            case NOT_AUTHENTICATED -> "Log in first";
            case AUTHENTICATED -> "Command not allowed without a selected mailbox, or after login";
            case SELECTED -> "Command not allowed in the selected state";
            case LOGOUT -> "Logging out";
        };
    }
}
