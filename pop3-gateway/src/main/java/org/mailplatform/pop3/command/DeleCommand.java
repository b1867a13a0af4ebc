package org.mailplatform.pop3.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.pop3.protocol.Numbers;
import org.mailplatform.pop3.protocol.Pop3CommandLine;
import org.mailplatform.pop3.protocol.Pop3Error;
import org.mailplatform.pop3.protocol.Pop3State;
import org.mailplatform.pop3.session.Pop3Session;

/** DELE msg: RFC 1939 5. Marks only; the message is removed at QUIT (UPDATE state), if ever. */
final class DeleCommand implements Pop3Command {

    @Override
    public String keyword() {
        return "DELE";
    }

    @Override
    public Set<Pop3State> states() {
        return EnumSet.of(Pop3State.TRANSACTION);
    }

    @Override
    public void execute(Pop3Session session, Pop3CommandLine line) throws Pop3Error {
        line.requireArguments(1, 1);
        int number = Numbers.messageNumber(line.argument(0));
        session.maildrop().markDeleted(number);
        session.ok("message " + number + " deleted");
    }
}
