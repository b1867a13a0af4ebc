package org.mailplatform.imap.managesieve.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.imap.managesieve.protocol.SieveResponses;
import org.mailplatform.store.sieve.SieveScript;
import org.mailplatform.imap.managesieve.protocol.SieveCommandLine;
import org.mailplatform.imap.managesieve.protocol.SieveError;
import org.mailplatform.imap.managesieve.session.ManageSieveSession;
import org.mailplatform.imap.managesieve.session.SieveState;

/** LISTSCRIPTS: RFC 5804 2.7. One line per script, the active one marked ACTIVE, then OK. */
final class ListScriptsCommand implements SieveCommand {

    @Override
    public String name() {
        return "LISTSCRIPTS";
    }

    @Override
    public Set<SieveState> states() {
        return EnumSet.of(SieveState.AUTHENTICATED);
    }

    @Override
    public void execute(ManageSieveSession session, SieveCommandLine line) throws SieveError {
        line.requireArguments(0, 0);
        for (SieveScript script : session.services().scripts().repository().list(session.account().id())) {
            session.send(SieveResponses.string(script.name()) + (script.active() ? " ACTIVE" : "") + "\r\n");
        }
        session.ok("Listscripts completed");
    }
}
