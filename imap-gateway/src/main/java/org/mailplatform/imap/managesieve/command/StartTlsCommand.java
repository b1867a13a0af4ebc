package org.mailplatform.imap.managesieve.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.imap.managesieve.protocol.SieveCommandLine;
import org.mailplatform.imap.managesieve.protocol.SieveError;
import org.mailplatform.imap.managesieve.session.ManageSieveSession;
import org.mailplatform.imap.managesieve.session.SieveState;

/**
 * STARTTLS: RFC 5804 2.2. Only before authentication and only once; after the handshake the
 * capabilities are sent again (they change: SASL mechanisms appear, STARTTLS goes).
 */
final class StartTlsCommand implements SieveCommand {

    @Override
    public String name() {
        return "STARTTLS";
    }

    @Override
    public Set<SieveState> states() {
        return EnumSet.of(SieveState.NOT_AUTHENTICATED);
    }

    @Override
    public void execute(ManageSieveSession session, SieveCommandLine line) throws SieveError {
        line.requireArguments(0, 0);
        if (session.context().tlsActive()) {
            throw SieveError.no("TLS is already active");
        }
        if (!session.context().canStartTls()) {
            throw SieveError.no("STARTTLS is not available on this port");
        }
        session.startTls();
    }
}
