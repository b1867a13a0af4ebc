package org.mailplatform.pop3.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.auth.sasl.ChannelBinding;
import org.mailplatform.pop3.protocol.DotStuffer;
import org.mailplatform.pop3.protocol.Pop3CommandLine;
import org.mailplatform.pop3.protocol.Pop3Error;
import org.mailplatform.pop3.protocol.Pop3State;
import org.mailplatform.pop3.session.Pop3Session;

/**
 * CAPA: RFC 2449 5, capabilities from RFC 2449 6, RFC 2595 4 (STLS), RFC 5034 5 (SASL) and
 * RFC 3206 9 (AUTH-RESP-CODE). USER and SASL are listed only where a password may be sent
 * (inside TLS, or with plaintext allowed for local development), and only before login, as are
 * STLS and the login methods.
 */
final class CapaCommand implements Pop3Command {

    static final String IMPLEMENTATION = "mail-platform";

    @Override
    public String keyword() {
        return "CAPA";
    }

    @Override
    public Set<Pop3State> states() {
        return EnumSet.of(Pop3State.AUTHORIZATION, Pop3State.TRANSACTION);
    }

    @Override
    public void execute(Pop3Session session, Pop3CommandLine line) throws Pop3Error {
        line.requireArguments(0, 0);
        DotStuffer list = session.beginMultiLine("Capability list follows");
        list.line("TOP");
        list.line("UIDL");
        list.line("RESP-CODES");
        list.line("AUTH-RESP-CODE");
        list.line("PIPELINING");
        if (session.state() == Pop3State.AUTHORIZATION) {
            if (session.connection().canStartTls()) {
                list.line("STLS");
            }
            if (session.plaintextAuthAllowed()) {
                list.line("USER");
                list.line("SASL " + String.join(" ", session.services().sasl().mechanisms(
                        ChannelBinding.of(session.connection().sslSession()))));
            }
        }
        list.line("IMPLEMENTATION " + IMPLEMENTATION);
        session.endMultiLine(list);
    }
}
