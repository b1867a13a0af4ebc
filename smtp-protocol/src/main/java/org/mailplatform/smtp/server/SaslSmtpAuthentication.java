package org.mailplatform.smtp.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.mailplatform.auth.LoginProtocol;
import org.mailplatform.auth.sasl.ChannelBinding;
import org.mailplatform.auth.sasl.LoginContext;
import org.mailplatform.auth.sasl.SaslAuthenticator;
import org.mailplatform.auth.sasl.SaslExchange;
import org.mailplatform.auth.sasl.SaslStep;
import org.mailplatform.smtp.SmtpAuthentication;
import org.mailplatform.smtp.SmtpConversation;
import org.mailplatform.smtp.SmtpReply;

/** SMTP framing of the shared SASL service (RFC 4954 4): 334 challenges, 235 on success. One per session. */
final class SaslSmtpAuthentication implements SmtpAuthentication {

    private final SaslAuthenticator sasl;
    private SaslExchange exchange;

    SaslSmtpAuthentication(SaslAuthenticator sasl) {
        this.sasl = sasl;
    }

    @Override
    public List<String> mechanisms() {
        return sasl.mechanisms();
    }

    @Override
    public List<String> mechanisms(SmtpConversation c) {
        return sasl.mechanisms(ChannelBinding.of(c.connection().sslSession()));
    }

    @Override
    public void start(SmtpConversation c, String mechanism, String initialResponse) {
        Optional<byte[]> initial = Optional.empty();
        if (initialResponse != null) {
            initial = SaslExchange.decodeInitialResponse(initialResponse);
            if (initial.isEmpty()) {
                c.error(SmtpReply.of(501, "5.5.2", "Cannot decode the initial response"));
                return;
            }
        }
        var clientAddress = c.connection().clientAddress();
        LoginContext context = new LoginContext(clientAddress == null ? null : clientAddress.getAddress(),
                LoginProtocol.SMTP, ChannelBinding.of(c.connection().sslSession()));
        SaslAuthenticator.Started started = sasl.start(mechanism, initial, context);
        exchange = started.exchange();
        handle(c, started.step());
    }

    @Override
    public void continueExchange(SmtpConversation c, byte[] line) {
        if (exchange == null) {
            c.phase(SmtpConversation.Phase.READY);
            return;
        }
        handle(c, exchange.stepBase64(new String(line, StandardCharsets.US_ASCII).trim()));
    }

    private void handle(SmtpConversation c, SaslStep step) {
        switch (step) {
            case SaslStep.Challenge challenge -> {
                c.phase(SmtpConversation.Phase.AUTH);
                // RFC 4954 4: "334" SP base64 challenge; no enhanced code on a continuation.
                c.connection().reply(SmtpReply.plain(334, challenge.base64()));
            }
            case SaslStep.Success success -> {
                exchange = null;
                c.phase(SmtpConversation.Phase.READY);
                c.authenticated(success.account().address().toString());
                c.metrics().authentication(mechanismOrUnknown(), true);
                c.connection().reply(SmtpReply.of(235, "2.7.0", "Authentication successful"));
            }
            case SaslStep.Failure failure -> {
                String mechanism = mechanismOrUnknown();
                exchange = null;
                c.phase(SmtpConversation.Phase.READY);
                c.metrics().authentication(mechanism, false);
                c.error(reply(failure));
            }
        }
    }

    private String mechanismOrUnknown() {
        return exchange == null ? "unknown" : exchange.mechanism();
    }

    /** RFC 4954 6 status codes. */
    private static SmtpReply reply(SaslStep.Failure failure) {
        return switch (failure.reason()) {
            case UNSUPPORTED_MECHANISM -> SmtpReply.of(504, "5.5.4", "Unrecognized authentication type");
            case MALFORMED -> SmtpReply.of(501, "5.5.2", "Cannot decode the response");
            case CANCELLED -> SmtpReply.of(501, "5.0.0", "Authentication cancelled");
            case BAD_CREDENTIALS, DISABLED, AUTHZID_REFUSED -> SmtpReply.of(535, "5.7.8", "Authentication credentials invalid");
            case THROTTLED, UNAVAILABLE -> SmtpReply.of(454, "4.7.0", "Temporary authentication failure, try again later");
            case ALREADY_COMPLETE -> SmtpReply.of(503, "5.5.1", "Already authenticated");
        };
    }
}
