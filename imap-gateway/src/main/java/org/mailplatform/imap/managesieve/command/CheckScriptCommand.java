package org.mailplatform.imap.managesieve.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.imap.managesieve.protocol.SieveCommandLine;
import org.mailplatform.imap.managesieve.protocol.SieveError;
import org.mailplatform.imap.managesieve.session.ManageSieveSession;
import org.mailplatform.imap.managesieve.session.SieveState;

/** CHECKSCRIPT: RFC 5804 2.12. The validator's verdict on a script, nothing stored. */
final class CheckScriptCommand implements SieveCommand {

    @Override
    public String name() {
        return "CHECKSCRIPT";
    }

    @Override
    public Set<SieveState> states() {
        return EnumSet.of(SieveState.AUTHENTICATED);
    }

    @Override
    public void execute(ManageSieveSession session, SieveCommandLine line) throws SieveError {
        line.requireArguments(1, 1);
        if (line.bytes(0).length > session.services().scripts().maxScriptSize()) {
            throw SieveError.no("QUOTA/MAXSIZE", "Script exceeds the size limit of "
                    + session.services().scripts().maxScriptSize() + " octets");
        }
        var problems = session.services().scripts().check(line.string(0));
        if (problems.isPresent()) {
            throw SieveError.no(problems.get());
        }
        session.ok("Script is valid");
    }
}
