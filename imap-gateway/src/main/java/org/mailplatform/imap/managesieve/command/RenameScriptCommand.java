package org.mailplatform.imap.managesieve.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.store.AlreadyExistsException;
import org.mailplatform.store.NotFoundException;
import org.mailplatform.imap.managesieve.protocol.SieveCommandLine;
import org.mailplatform.imap.managesieve.protocol.SieveError;
import org.mailplatform.imap.managesieve.session.ManageSieveSession;
import org.mailplatform.imap.managesieve.session.SieveState;

/** RENAMESCRIPT: RFC 5804 2.11.1. The active script stays active under its new name. */
final class RenameScriptCommand implements SieveCommand {

    @Override
    public String name() {
        return "RENAMESCRIPT";
    }

    @Override
    public Set<SieveState> states() {
        return EnumSet.of(SieveState.AUTHENTICATED);
    }

    @Override
    public void execute(ManageSieveSession session, SieveCommandLine line) throws SieveError {
        line.requireArguments(2, 2);
        String oldName = ScriptReplies.name(line, 0);
        String newName = ScriptReplies.name(line, 1);
        try {
            session.services().scripts().repository().rename(session.account().id(), oldName, newName);
        } catch (NotFoundException e) {
            throw ScriptReplies.nonexistent(oldName);
        } catch (AlreadyExistsException e) {
            throw SieveError.no("ALREADYEXISTS", "A script named " + newName + " already exists");
        }
        session.ok("Script renamed");
    }
}
