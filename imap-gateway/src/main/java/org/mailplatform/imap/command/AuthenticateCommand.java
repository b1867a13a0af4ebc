package org.mailplatform.imap.command;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import org.mailplatform.auth.LoginProtocol;
import org.mailplatform.auth.sasl.ChannelBinding;
import org.mailplatform.auth.sasl.LoginContext;
import org.mailplatform.auth.sasl.SaslAuthenticator;
import org.mailplatform.auth.sasl.SaslExchange;
import org.mailplatform.auth.sasl.SaslStep;
import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapStatus;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.ResponseCode;
import org.mailplatform.imap.session.Capabilities;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SessionState;

/**
 * AUTHENTICATE: RFC 9051 6.2.2, with the initial response on the command line (SASL-IR,
 * RFC 4959). Challenges go out as {@code + base64}, each answer comes back as one line; {@code *}
 * cancels (BAD). Failure codes follow mail-auth's table (RFC 5530).
 */
final class AuthenticateCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("AUTHENTICATE");
    }

    @Override
    public Set<SessionState> states() {
        return States.NOT_AUTHENTICATED;
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException, ImapCommandException {
        ImapArgReader reader = request.reader();
        String mechanism = reader.nextAtom();
        String initial = reader.hasNext() ? reader.nextAtom() : null;
        reader.end();
        SaslAuthenticator sasl = session.services().sasl();
        ChannelBinding binding = ChannelBinding.of(session.connection().sslSession());
        if (!sasl.supports(mechanism, binding)) {
            throw ImapCommandException.no(null, "Unsupported authentication mechanism");
        }
        if (!session.plaintextAuthAllowed()) {
            throw ImapCommandException.no(ResponseCode.PRIVACYREQUIRED, "Authentication is disabled before STARTTLS");
        }
        Optional<byte[]> initialResponse = Optional.empty();
        if (initial != null) {
            initialResponse = SaslExchange.decodeInitialResponse(initial);
            if (initialResponse.isEmpty()) {
                throw ImapCommandException.bad("Invalid base64 in the initial response");
            }
        }
        SaslAuthenticator.Started started = sasl.start(mechanism, initialResponse,
                new LoginContext(session.connection().clientAddress().getAddress(), LoginProtocol.IMAP, binding));
        next(session, request.tag(), started.exchange(), started.step());
        return Completion.deferred();
    }

    private static void next(ImapSession session, String tag, SaslExchange exchange, SaslStep step) {
        switch (step) {
            case SaslStep.Challenge challenge -> {
                session.out().continuation(challenge.base64());
                session.awaitContinuation(line -> {
                    if (line == null) {
                        exchange.cancel();
                        session.tagged(tag, ImapStatus.BAD, null, "Authentication exchange cancelled");
                        return;
                    }
                    next(session, tag, exchange, exchange.stepBase64(new String(line, StandardCharsets.US_ASCII)));
                });
                session.flush();
            }
            case SaslStep.Success success -> {
                if (!session.loggedIn(success.account())) {
                    session.tagged(tag, ImapStatus.NO, ResponseCode.LIMIT, session.tooManyConnectionsText());
                    return;
                }
                session.tagged(tag, ImapStatus.OK, ResponseCode.capability(Capabilities.of(session)),
                        "AUTHENTICATE completed");
            }
            case SaslStep.Failure failure -> {
                switch (failure.reason()) {
                    case UNSUPPORTED_MECHANISM -> session.tagged(tag, ImapStatus.NO, null, "Unsupported mechanism");
                    case MALFORMED -> session.tagged(tag, ImapStatus.BAD, null, "Malformed authentication response");
                    case CANCELLED -> session.tagged(tag, ImapStatus.BAD, null, "Authentication cancelled");
                    case ALREADY_COMPLETE -> session.tagged(tag, ImapStatus.BAD, null, "Authentication already complete");
                    case BAD_CREDENTIALS, DISABLED ->
                            session.tagged(tag, ImapStatus.NO, ResponseCode.AUTHENTICATIONFAILED, "Authentication failed");
                    case AUTHZID_REFUSED ->
                            session.tagged(tag, ImapStatus.NO, ResponseCode.AUTHORIZATIONFAILED, "Not authorized");
                    case THROTTLED, UNAVAILABLE ->
                            session.tagged(tag, ImapStatus.NO, ResponseCode.UNAVAILABLE, "Try again later");
                }
            }
        }
    }
}
