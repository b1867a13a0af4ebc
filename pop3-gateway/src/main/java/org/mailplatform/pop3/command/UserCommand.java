package org.mailplatform.pop3.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.pop3.protocol.Pop3CommandLine;
import org.mailplatform.pop3.protocol.Pop3Error;
import org.mailplatform.pop3.protocol.Pop3State;
import org.mailplatform.pop3.session.Pop3Session;

/**
 * USER: RFC 1939 7. The answer is the same for every name (RFC 1939 13: a server should not tell
 * which names exist). Refused before TLS (RFC 2595 4, the platform's security defaults).
 */
final class UserCommand implements Pop3Command {

    @Override
    public String keyword() {
        return "USER";
    }

    @Override
    public Set<Pop3State> states() {
        return EnumSet.of(Pop3State.AUTHORIZATION);
    }

    @Override
    public void execute(Pop3Session session, Pop3CommandLine line) throws Pop3Error {
        if (!session.plaintextAuthAllowed()) {
            throw LoginReplies.PLAINTEXT_REFUSED;
        }
        line.requireArguments(1, 1);
        session.pendingUser(line.argument(0));
        session.ok("Send your password");
    }
}
