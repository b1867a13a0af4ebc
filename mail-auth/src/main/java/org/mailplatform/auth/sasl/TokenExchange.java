package org.mailplatform.auth.sasl;

import java.util.Optional;

import org.mailplatform.auth.AuthMetrics;

/**
 * What OAUTHBEARER and XOAUTH2 share: one client message carrying a bearer token, an empty
 * challenge first when the client sent no initial response (RFC 4422 §3.3), and on an
 * authentication failure an error challenge that the client answers (OAUTHBEARER: with a single
 * %x01, RFC 7628 §3.2.3; XOAUTH2: with an empty response) before the failure is reported.
 * Throttling and temporary failures end the exchange at once.
 */
abstract class TokenExchange extends SaslExchange {

    private final BearerCheck check;
    private SaslStep.Failure pending;

    TokenExchange(BearerCheck check, AuthMetrics metrics) {
        super(metrics);
        this.check = check;
    }

    /** The client message, or empty when it is out of the mechanism's grammar. */
    abstract Optional<BearerMessages.Message> parse(byte[] message);

    /** The error challenge sent before an authentication failure. */
    abstract byte[] errorChallenge(BearerCheck check);

    @Override
    protected final SaslStep onStart() {
        return new SaslStep.Challenge(new byte[0]);
    }

    @Override
    protected final SaslStep onInitialResponse(byte[] response) {
        return onResponse(response);
    }

    @Override
    protected final SaslStep onResponse(byte[] response) {
        if (pending != null) {
            // RFC 7628 §3.2.3: whatever the client answers to the error, the exchange has failed.
            return pending;
        }
        Optional<BearerMessages.Message> message = parse(response);
        if (message.isEmpty()) {
            return SaslStep.Failure.of(SaslFailure.MALFORMED);
        }
        SaslStep step = check.check(message.get().user(), message.get().token(), mechanism());
        if (step instanceof SaslStep.Failure failure && switch (failure.reason()) {
            case BAD_CREDENTIALS, DISABLED, AUTHZID_REFUSED -> true;
            default -> false;
        }) {
            pending = failure;
            return new SaslStep.Challenge(errorChallenge(check));
        }
        return step;
    }
}
