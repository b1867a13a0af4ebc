package org.mailplatform.pop3.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.pop3.protocol.Numbers;
import org.mailplatform.pop3.protocol.Pop3CommandLine;
import org.mailplatform.pop3.protocol.Pop3Error;
import org.mailplatform.pop3.protocol.Pop3State;
import org.mailplatform.pop3.protocol.TopFilter;
import org.mailplatform.pop3.session.Pop3Session;

/**
 * TOP msg n: RFC 1939 7. The header, the blank line, then the first n lines of the body (all of it
 * when shorter). n must be non-negative.
 */
final class TopCommand implements Pop3Command {

    @Override
    public String keyword() {
        return "TOP";
    }

    @Override
    public Set<Pop3State> states() {
        return EnumSet.of(Pop3State.TRANSACTION);
    }

    @Override
    public void execute(Pop3Session session, Pop3CommandLine line) throws Pop3Error {
        line.requireArguments(2, 2);
        int number = Numbers.messageNumber(line.argument(0));
        int lines = Numbers.lineCount(line.argument(1));
        MessageTransfer.send(session, keyword(), number, "top of message follows", new TopFilter(lines));
    }
}
