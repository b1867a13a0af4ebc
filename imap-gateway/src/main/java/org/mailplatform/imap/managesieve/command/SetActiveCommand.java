package org.mailplatform.imap.managesieve.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.store.NotFoundException;
import org.mailplatform.imap.managesieve.protocol.SieveCommandLine;
import org.mailplatform.imap.managesieve.protocol.SieveError;
import org.mailplatform.imap.managesieve.session.ManageSieveSession;
import org.mailplatform.imap.managesieve.session.SieveState;

/** SETACTIVE: RFC 5804 2.8. Makes the named script the active one; an empty name deactivates all. */
final class SetActiveCommand implements SieveCommand {

    @Override
    public String name() {
        return "SETACTIVE";
    }

    @Override
    public Set<SieveState> states() {
        return EnumSet.of(SieveState.AUTHENTICATED);
    }

    @Override
    public void execute(ManageSieveSession session, SieveCommandLine line) throws SieveError {
        line.requireArguments(1, 1);
        String name = line.string(0);
        if (!name.isEmpty()) {
            name = ScriptReplies.name(line, 0);
        }
        try {
            session.services().scripts().repository().activate(session.account().id(), name);
        } catch (NotFoundException e) {
            throw ScriptReplies.nonexistent(name);
        }
        session.ok(name.isEmpty() ? "No script is active" : "Script activated");
    }
}
