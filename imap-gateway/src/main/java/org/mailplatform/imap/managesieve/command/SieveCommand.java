package org.mailplatform.imap.managesieve.command;

import java.util.Set;

import org.mailplatform.imap.managesieve.protocol.SieveCommandLine;
import org.mailplatform.imap.managesieve.protocol.SieveError;
import org.mailplatform.imap.managesieve.session.ManageSieveSession;
import org.mailplatform.imap.managesieve.session.SieveState;

/** One ManageSieve command: it checks its own arguments and replies; the dispatcher has checked the state. */
public interface SieveCommand {

    /** Upper case, as in RFC 5804. */
    String name();

    /** The states in which the command is valid. */
    Set<SieveState> states();

    void execute(ManageSieveSession session, SieveCommandLine line) throws SieveError;
}
