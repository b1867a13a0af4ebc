package org.mailplatform.pop3.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.pop3.protocol.Pop3CommandLine;
import org.mailplatform.pop3.protocol.Pop3Error;
import org.mailplatform.pop3.protocol.Pop3State;
import org.mailplatform.pop3.session.Maildrop;
import org.mailplatform.pop3.session.Pop3Session;

/** STAT: RFC 1939 5. "+OK count octets", messages marked as deleted not counted. */
final class StatCommand implements Pop3Command {

    @Override
    public String keyword() {
        return "STAT";
    }

    @Override
    public Set<Pop3State> states() {
        return EnumSet.of(Pop3State.TRANSACTION);
    }

    @Override
    public void execute(Pop3Session session, Pop3CommandLine line) throws Pop3Error {
        line.requireArguments(0, 0);
        Maildrop maildrop = session.maildrop();
        session.ok(maildrop.count() + " " + maildrop.octets());
    }
}
