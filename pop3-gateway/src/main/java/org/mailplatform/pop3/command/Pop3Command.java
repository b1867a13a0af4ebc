package org.mailplatform.pop3.command;

import java.util.Set;

import org.mailplatform.pop3.protocol.Pop3CommandLine;
import org.mailplatform.pop3.protocol.Pop3Error;
import org.mailplatform.pop3.protocol.Pop3State;
import org.mailplatform.pop3.session.Pop3Session;

/** One POP3 keyword: it parses its own arguments and replies; the dispatcher has checked the state. */
public interface Pop3Command {

    /** Upper case, as in the RFC. */
    String keyword();

    /** The states in which the command is valid (RFC 1939 3). */
    Set<Pop3State> states();

    void execute(Pop3Session session, Pop3CommandLine line) throws Pop3Error;
}
