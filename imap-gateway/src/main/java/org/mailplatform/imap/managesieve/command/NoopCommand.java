package org.mailplatform.imap.managesieve.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.imap.managesieve.protocol.SieveCommandLine;
import org.mailplatform.imap.managesieve.protocol.SieveError;
import org.mailplatform.imap.managesieve.protocol.SieveResponses;
import org.mailplatform.imap.managesieve.session.ManageSieveSession;
import org.mailplatform.imap.managesieve.session.SieveState;

/** NOOP: RFC 5804 2.13. An optional string comes back in a TAG response code. */
final class NoopCommand implements SieveCommand {

    @Override
    public String name() {
        return "NOOP";
    }

    @Override
    public Set<SieveState> states() {
        return EnumSet.of(SieveState.NOT_AUTHENTICATED, SieveState.AUTHENTICATED);
    }

    @Override
    public void execute(ManageSieveSession session, SieveCommandLine line) throws SieveError {
        line.requireArguments(0, 1);
        if (line.argumentCount() == 1) {
            session.ok("TAG " + SieveResponses.string(line.string(0)), "Done");
        } else {
            session.ok("Done");
        }
    }
}
