package org.mailplatform.pop3.command;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.mailplatform.auth.LoginProtocol;
import org.mailplatform.auth.sasl.ChannelBinding;
import org.mailplatform.auth.sasl.LoginContext;
import org.mailplatform.auth.sasl.SaslExchange;
import org.mailplatform.auth.sasl.SaslFailure;
import org.mailplatform.auth.sasl.SaslStep;
import org.mailplatform.kernel.Line;
import org.mailplatform.pop3.protocol.DotStuffer;
import org.mailplatform.pop3.protocol.Pop3CommandLine;
import org.mailplatform.pop3.protocol.Pop3Error;
import org.mailplatform.pop3.protocol.Pop3State;
import org.mailplatform.pop3.session.Continuation;
import org.mailplatform.pop3.session.Pop3Session;

/**
 * AUTH: RFC 5034 4. {@code AUTH mechanism [initial-response]}; challenges go out as "+ " and a
 * base64 string, the client answers with base64 or "*" to cancel (RFC 5034 4); "=" is an empty
 * initial response. Without a mechanism the offered ones are listed, as clients that predate CAPA
 * expect. Offered only where a password may be sent (RFC 2595 4).
 */
final class AuthCommand implements Pop3Command {

    @Override
    public String keyword() {
        return "AUTH";
    }

    @Override
    public Set<Pop3State> states() {
        return EnumSet.of(Pop3State.AUTHORIZATION);
    }

    @Override
    public void execute(Pop3Session session, Pop3CommandLine line) throws Pop3Error {
        line.requireArguments(0, 2);
        if (line.argumentCount() == 0) {
            listMechanisms(session);
            return;
        }
        if (!session.plaintextAuthAllowed()) {
            throw LoginReplies.PLAINTEXT_REFUSED;
        }
        String mechanism = line.argument(0).toUpperCase(Locale.ROOT);
        ChannelBinding binding = ChannelBinding.of(session.connection().sslSession());
        if (!session.services().sasl().supports(mechanism, binding)) {
            throw LoginReplies.forSasl(SaslFailure.UNSUPPORTED_MECHANISM);
        }
        Optional<byte[]> initialResponse = Optional.empty();
        if (line.argumentCount() == 2) {
            initialResponse = SaslExchange.decodeInitialResponse(line.argument(1));
            if (initialResponse.isEmpty()) {
                throw LoginReplies.forSasl(SaslFailure.MALFORMED);
            }
        }
        SaslExchange exchange = session.services().sasl().start(mechanism,
                new LoginContext(session.connection().clientAddress(), LoginProtocol.POP3, binding));
        answer(session, exchange, exchange.begin(initialResponse));
    }

    private static void listMechanisms(Pop3Session session) {
        DotStuffer list = session.beginMultiLine("Supported mechanisms follow");
        if (session.plaintextAuthAllowed()) {
            session.services().sasl().mechanisms(ChannelBinding.of(session.connection().sslSession())).forEach(list::line);
        }
        session.endMultiLine(list);
    }

    private static void answer(Pop3Session session, SaslExchange exchange, SaslStep step) throws Pop3Error {
        switch (step) {
            case SaslStep.Challenge challenge -> {
                session.send("+ " + challenge.base64() + "\r\n");
                session.expectContinuation(new Response(exchange));
            }
            case SaslStep.Success success -> session.login(success.account(), exchange.mechanism());
            case SaslStep.Failure failure -> {
                Pop3Error error = LoginReplies.forSasl(failure.reason());
                if (LoginReplies.countsAsFailedLogin(failure.reason())) {
                    session.loginFailed(exchange.mechanism(), LoginReplies.metricName(failure.reason()), error);
                } else {
                    session.services().metrics().login(exchange.mechanism(), LoginReplies.metricName(failure.reason()));
                    throw error;
                }
            }
        }
    }

    /** The client's answer to a challenge. */
    private record Response(SaslExchange exchange) implements Continuation {

        @Override
        public void onLine(Pop3Session session, Line line) throws Pop3Error {
            answer(session, exchange, exchange.stepBase64(new String(line.bytes(), StandardCharsets.US_ASCII)));
        }

        @Override
        public void abandon() {
            exchange.cancel();
        }
    }
}
