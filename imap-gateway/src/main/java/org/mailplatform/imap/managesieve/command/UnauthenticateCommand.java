package org.mailplatform.imap.managesieve.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.imap.managesieve.protocol.SieveCommandLine;
import org.mailplatform.imap.managesieve.protocol.SieveError;
import org.mailplatform.imap.managesieve.session.ManageSieveSession;
import org.mailplatform.imap.managesieve.session.SieveState;

/** UNAUTHENTICATE: RFC 5804 2.14.1. Back to the non-authenticated state; the connection stays. */
final class UnauthenticateCommand implements SieveCommand {

    @Override
    public String name() {
        return "UNAUTHENTICATE";
    }

    @Override
    public Set<SieveState> states() {
        return EnumSet.of(SieveState.AUTHENTICATED);
    }

    @Override
    public void execute(ManageSieveSession session, SieveCommandLine line) throws SieveError {
        line.requireArguments(0, 0);
        session.unauthenticate();
    }
}
