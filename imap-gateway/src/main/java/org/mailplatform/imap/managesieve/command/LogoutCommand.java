package org.mailplatform.imap.managesieve.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.imap.managesieve.protocol.SieveCommandLine;
import org.mailplatform.imap.managesieve.protocol.SieveError;
import org.mailplatform.imap.managesieve.session.ManageSieveSession;
import org.mailplatform.imap.managesieve.session.SieveState;

/** LOGOUT: RFC 5804 2.3. OK, then the server closes the connection. */
final class LogoutCommand implements SieveCommand {

    @Override
    public String name() {
        return "LOGOUT";
    }

    @Override
    public Set<SieveState> states() {
        return EnumSet.of(SieveState.NOT_AUTHENTICATED, SieveState.AUTHENTICATED);
    }

    @Override
    public void execute(ManageSieveSession session, SieveCommandLine line) throws SieveError {
        line.requireArguments(0, 0);
        session.logout();
    }
}
