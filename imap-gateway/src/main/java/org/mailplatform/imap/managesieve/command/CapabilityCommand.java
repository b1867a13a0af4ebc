package org.mailplatform.imap.managesieve.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.imap.managesieve.protocol.SieveCommandLine;
import org.mailplatform.imap.managesieve.protocol.SieveError;
import org.mailplatform.imap.managesieve.session.ManageSieveSession;
import org.mailplatform.imap.managesieve.session.SieveState;

/** CAPABILITY: RFC 5804 2.4. The capability lines, then OK; valid in every state. */
final class CapabilityCommand implements SieveCommand {

    @Override
    public String name() {
        return "CAPABILITY";
    }

    @Override
    public Set<SieveState> states() {
        return EnumSet.of(SieveState.NOT_AUTHENTICATED, SieveState.AUTHENTICATED);
    }

    @Override
    public void execute(ManageSieveSession session, SieveCommandLine line) throws SieveError {
        line.requireArguments(0, 0);
        session.writeCapabilities();
        session.ok("Capability completed");
    }
}
