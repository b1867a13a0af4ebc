package org.mailplatform.pop3.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.pop3.protocol.Pop3CommandLine;
import org.mailplatform.pop3.protocol.Pop3Error;
import org.mailplatform.pop3.protocol.Pop3State;
import org.mailplatform.pop3.session.Pop3Session;

/**
 * QUIT: RFC 1939 4 (in AUTHORIZATION: just goodbye) and 6 (in TRANSACTION: enter UPDATE, remove
 * the marked messages, release the maildrop). Only this QUIT removes anything.
 */
final class QuitCommand implements Pop3Command {

    @Override
    public String keyword() {
        return "QUIT";
    }

    @Override
    public Set<Pop3State> states() {
        return EnumSet.of(Pop3State.AUTHORIZATION, Pop3State.TRANSACTION);
    }

    @Override
    public void execute(Pop3Session session, Pop3CommandLine line) throws Pop3Error {
        line.requireArguments(0, 0);
        if (session.state() == Pop3State.AUTHORIZATION) {
            session.quitWithoutUpdate();
        } else {
            session.update();
        }
    }
}
