package org.mailplatform.pop3.command;

import java.util.EnumSet;
import java.util.Set;

import org.mailplatform.auth.AuthOutcome;
import org.mailplatform.auth.Authenticator;
import org.mailplatform.auth.LoginProtocol;
import org.mailplatform.pop3.protocol.Pop3CommandLine;
import org.mailplatform.pop3.protocol.Pop3Error;
import org.mailplatform.pop3.protocol.Pop3State;
import org.mailplatform.pop3.session.Pop3Session;

/**
 * PASS: RFC 1939 7. Valid only right after a USER; the whole rest of the line is the password
 * (RFC 1939 7: spaces may be part of it). On success the maildrop is locked and opened, or the
 * session stays in AUTHORIZATION with [IN-USE] (RFC 2449 8.1.1).
 */
final class PassCommand implements Pop3Command {

    static final String MECHANISM = "USER";

    @Override
    public String keyword() {
        return "PASS";
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
        String user = session.pendingUser().orElseThrow(() -> new Pop3Error("USER first"));
        if (line.rest().isEmpty()) {
            session.pendingUser(null);
            throw new Pop3Error("Missing password");
        }
        AuthOutcome outcome = session.services().authenticator()
                .authenticate(user, line.rest(), session.connection().clientAddress(), Authenticator.PASSWORD,
                        LoginProtocol.POP3);
        if (outcome instanceof AuthOutcome.Success success) {
            session.login(success.account(), MECHANISM);
        } else {
            session.loginFailed(MECHANISM, outcome.metricName(), LoginReplies.forOutcome(outcome));
        }
    }
}
