package org.mailplatform.imap.managesieve.command;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.mailplatform.auth.LoginProtocol;
import org.mailplatform.auth.sasl.ChannelBinding;
import org.mailplatform.auth.sasl.LoginContext;
import org.mailplatform.auth.sasl.SaslExchange;
import org.mailplatform.auth.sasl.SaslFailure;
import org.mailplatform.auth.sasl.SaslStep;
import org.mailplatform.imap.managesieve.protocol.SieveCommandLine;
import org.mailplatform.imap.managesieve.protocol.SieveError;
import org.mailplatform.imap.managesieve.protocol.SieveResponses;
import org.mailplatform.imap.managesieve.protocol.Token;
import org.mailplatform.imap.managesieve.session.Continuation;
import org.mailplatform.imap.managesieve.session.ManageSieveSession;
import org.mailplatform.imap.managesieve.session.SieveState;

/**
 * AUTHENTICATE: RFC 5804 2.1. {@code AUTHENTICATE "mechanism" ["initial-response"]}; each challenge
 * goes out as a string of base64, the client answers with a string of base64 or {@code "*"} to
 * cancel. PLAIN and LOGIN carry the password, so they are offered only inside TLS; a refused login
 * is answered after the authenticator's failure delay.
 */
final class AuthenticateCommand implements SieveCommand {

    @Override
    public String name() {
        return "AUTHENTICATE";
    }

    @Override
    public Set<SieveState> states() {
        return EnumSet.of(SieveState.NOT_AUTHENTICATED);
    }

    @Override
    public void execute(ManageSieveSession session, SieveCommandLine line) throws SieveError {
        line.requireArguments(1, 2);
        String mechanism = line.string(0);
        if (!session.plaintextAuthAllowed()) {
            // RFC 5804 1.3 ENCRYPT-NEEDED: the mechanism may only be used over TLS.
            throw SieveError.no("ENCRYPT-NEEDED", "Authentication requires TLS; use STARTTLS first");
        }
        ChannelBinding binding = ChannelBinding.of(session.context().sslSession());
        if (!session.services().sasl().supports(mechanism, binding)) {
            throw SieveError.no("Unsupported authentication mechanism");
        }
        Optional<byte[]> initialResponse = Optional.empty();
        if (line.argumentCount() == 2) {
            initialResponse = SaslExchange.decodeInitialResponse(line.string(1));
            if (initialResponse.isEmpty()) {
                throw SieveError.no("Invalid authentication data");
            }
        }
        SaslExchange exchange = session.services().sasl().start(mechanism,
                new LoginContext(session.context().clientAddress().getAddress(), LoginProtocol.MANAGESIEVE, binding));
        answer(session, exchange, exchange.begin(initialResponse));
    }

    private static void answer(ManageSieveSession session, SaslExchange exchange, SaslStep step) throws SieveError {
        switch (step) {
            case SaslStep.Challenge challenge -> {
                session.send(SieveResponses.string(challenge.base64()) + "\r\n");
                session.expectContinuation(new Response(exchange));
            }
            case SaslStep.Success success -> session.login(success.account());
            case SaslStep.Failure failure -> {
                SieveError error = refusal(failure.reason());
                if (countsAsFailedLogin(failure.reason())) {
                    session.loginFailed(error);
                } else {
                    throw error;
                }
            }
        }
    }

    /** RFC 5804 2.1: every failure is NO; a passing condition carries TRYLATER (RFC 5804 1.3). */
    private static SieveError refusal(SaslFailure failure) {
        return switch (failure) {
            case BAD_CREDENTIALS, DISABLED -> SieveError.no("Authentication failed");
            case AUTHZID_REFUSED -> SieveError.no("Not authorized to act as that user");
            case THROTTLED -> SieveError.no("TRYLATER", "Too many failed logins, try again later");
            case UNAVAILABLE -> SieveError.no("TRYLATER", "Authentication unavailable, try again later");
            case UNSUPPORTED_MECHANISM -> SieveError.no("Unsupported authentication mechanism");
            case MALFORMED -> SieveError.no("Invalid authentication data");
            case CANCELLED -> SieveError.no("Authentication cancelled");
            case ALREADY_COMPLETE -> SieveError.no("Authentication already complete");
        };
    }

    private static boolean countsAsFailedLogin(SaslFailure failure) {
        return switch (failure) {
            case BAD_CREDENTIALS, DISABLED, AUTHZID_REFUSED, THROTTLED, UNAVAILABLE -> true;
            default -> false;
        };
    }

    /** The client's answer to a challenge: one string (RFC 5804 2.1). */
    private record Response(SaslExchange exchange) implements Continuation {

        @Override
        public void onResponse(ManageSieveSession session, List<Token> response) throws SieveError {
            if (response.size() != 1 || response.getFirst() instanceof Token.Atom) {
                exchange.cancel();
                throw SieveError.no("Invalid authentication data: expected a string");
            }
            String text = SieveCommandLine.utf8(switch (response.getFirst()) {
                case Token.Quoted q -> q.bytes();
                case Token.Literal l -> l.bytes();
                case Token.Atom a -> new byte[0];
            });
            answer(session, exchange, exchange.stepBase64(text));
        }

        @Override
        public void abandon() {
            exchange.cancel();
        }
    }
}
