package org.mailplatform.auth.sasl;

import java.util.Optional;

import org.mailplatform.auth.AuthMetrics;

/**
 * XOAUTH2, the bearer-token mechanism Gmail and Outlook.com introduced before RFC 7628 and many
 * clients still use: {@code user=<address>^Aauth=Bearer <token>^A^A}, the user being the token's
 * account. On failure the server sends a JSON error as a challenge ({@code "status":"401"}, as
 * those providers do), the client answers with an empty response, and the failure follows.
 */
final class XOAuth2Exchange extends TokenExchange {

    static final String NAME = "XOAUTH2";

    XOAuth2Exchange(BearerCheck check, AuthMetrics metrics) {
        super(check, metrics);
    }

    @Override
    public String mechanism() {
        return NAME;
    }

    @Override
    Optional<BearerMessages.Message> parse(byte[] message) {
        return BearerMessages.xoauth2(message);
    }

    @Override
    byte[] errorChallenge(BearerCheck check) {
        return BearerMessages.errorChallenge("401", check.scope(), Optional.empty());
    }
}
