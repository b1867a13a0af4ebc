package org.mailplatform.imap.command;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.mailplatform.auth.AuthOutcome;
import org.mailplatform.auth.Authenticator;
import org.mailplatform.auth.LoginProtocol;
import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.session.Capabilities;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;

/**
 * LOGIN: RFC 9051 6.2.3. Refused before TLS (LOGINDISABLED) unless local development allows it;
 * failures carry the RFC 5530 codes and never say whether the account exists.
 */
final class LoginCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("LOGIN");
    }

    @Override
    public Set<SessionState> states() {
        return States.NOT_AUTHENTICATED;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException, ImapCommandException {
        ImapArgReader reader = request.reader();
        String username = reader.nextAstring();
        String password = new String(reader.nextAstringBytes(), StandardCharsets.UTF_8);
        reader.end();
        if (!session.plaintextAuthAllowed()) {
            throw ImapCommandException.no(ResponseCode.PRIVACYREQUIRED, "LOGIN is disabled before STARTTLS");
        }
        AuthOutcome outcome = session.services().authenticator()
                .authenticate(username, password, session.connection().clientAddress().getAddress(),
                        Authenticator.PASSWORD, LoginProtocol.IMAP);
        return switch (outcome) {
            case AuthOutcome.Success success -> {
                if (!session.loggedIn(success.account())) {
                    throw ImapCommandException.no(ResponseCode.LIMIT, session.tooManyConnectionsText());
                }
                yield Completion.ok(ResponseCode.capability(Capabilities.of(session)), "LOGIN completed");
            }
            case AuthOutcome.BadCredentials b ->
                    throw ImapCommandException.no(ResponseCode.AUTHENTICATIONFAILED, "Authentication failed");
            case AuthOutcome.Disabled d ->
                    throw ImapCommandException.no(ResponseCode.AUTHENTICATIONFAILED, "Authentication failed");
            case AuthOutcome.Throttled t ->
                    throw ImapCommandException.no(ResponseCode.UNAVAILABLE, "Too many failures, try again later");
            case AuthOutcome.Unavailable u ->
                    throw ImapCommandException.no(ResponseCode.UNAVAILABLE, "Temporary failure, try again later");
        };
    }
}
