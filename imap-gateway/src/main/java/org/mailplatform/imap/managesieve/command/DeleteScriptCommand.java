package org.mailplatform.imap.managesieve.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.store.NotFoundException;
import org.mailplatform.store.OperationNotAllowedException;
import org.mailplatform.imap.managesieve.protocol.SieveCommandLine;
import org.mailplatform.imap.managesieve.protocol.SieveError;
import org.mailplatform.imap.managesieve.session.ManageSieveSession;
import org.mailplatform.imap.managesieve.session.SieveState;

/** DELETESCRIPT: RFC 5804 2.10. The active script cannot be deleted (NO (ACTIVE)). */
final class DeleteScriptCommand implements SieveCommand {

    @Override
    public String name() {
        return "DELETESCRIPT";
    }

    @Override
    public Set<SieveState> states() {
        return EnumSet.of(SieveState.AUTHENTICATED);
    }

    @Override
    public void execute(ManageSieveSession session, SieveCommandLine line) throws SieveError {
        line.requireArguments(1, 1);
        String name = ScriptReplies.name(line, 0);
        try {
            session.services().scripts().repository().delete(session.account().id(), name);
        } catch (NotFoundException e) {
            throw ScriptReplies.nonexistent(name);
        } catch (OperationNotAllowedException e) {
            throw SieveError.no("ACTIVE", "The active script cannot be deleted");
        }
        session.ok("Script deleted");
    }
}
