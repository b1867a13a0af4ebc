package org.mailplatform.pop3.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.pop3.protocol.Pop3CommandLine;
import org.mailplatform.pop3.protocol.Pop3Error;
import org.mailplatform.pop3.protocol.Pop3State;
import org.mailplatform.pop3.session.Pop3Session;

/** STLS: RFC 2595 4. Only in AUTHORIZATION; once per connection; pipelined input behind it is discarded. */
final class StlsCommand implements Pop3Command {

    @Override
    public String keyword() {
        return "STLS";
    }

    @Override
    public Set<Pop3State> states() {
        return EnumSet.of(Pop3State.AUTHORIZATION);
    }

    @Override
    public void execute(Pop3Session session, Pop3CommandLine line) throws Pop3Error {
        line.requireArguments(0, 0);
        if (session.connection().tlsActive()) {
            throw new Pop3Error("Command not permitted when TLS active");
        }
        if (!session.connection().canStartTls()) {
            throw new Pop3Error("STLS not available on this port");
        }
        session.startTls();
    }
}
