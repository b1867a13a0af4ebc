package org.mailplatform.imap.managesieve.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.imap.managesieve.protocol.SieveResponses;
import org.mailplatform.store.sieve.SieveScript;
import org.mailplatform.imap.managesieve.protocol.SieveCommandLine;
import org.mailplatform.imap.managesieve.protocol.SieveError;
import org.mailplatform.imap.managesieve.session.ManageSieveSession;
import org.mailplatform.imap.managesieve.session.SieveState;

/** GETSCRIPT: RFC 5804 2.9. The script as a string (a literal for anything multi-line), then OK. */
final class GetScriptCommand implements SieveCommand {

    @Override
    public String name() {
        return "GETSCRIPT";
    }

    @Override
    public Set<SieveState> states() {
        return EnumSet.of(SieveState.AUTHENTICATED);
    }

    @Override
    public void execute(ManageSieveSession session, SieveCommandLine line) throws SieveError {
        line.requireArguments(1, 1);
        String name = ScriptReplies.name(line, 0);
        SieveScript script = session.services().scripts().repository().find(session.account().id(), name)
                .orElseThrow(() -> ScriptReplies.nonexistent(name));
        session.send(SieveResponses.string(script.content()) + "\r\n");
        session.ok("Getscript completed");
    }
}
