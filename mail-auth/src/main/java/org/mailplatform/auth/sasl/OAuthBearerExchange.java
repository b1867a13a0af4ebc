package org.mailplatform.auth.sasl;

import java.util.Optional;

import org.mailplatform.auth.AuthMetrics;

/**
 * RFC 7628 OAUTHBEARER: {@code n,a=user@example,^Aauth=Bearer <token>^A^A} (§3.1), the token an
 * OAuth 2.0 bearer token (RFC 6750). An authzid, when given, must be the token's account. On
 * failure the server sends {@code {"status":"invalid_token",...}} (§3.2.2) and the client's
 * answer, a single %x01 (§3.2.3), is met with the failure.
 */
final class OAuthBearerExchange extends TokenExchange {

    static final String NAME = "OAUTHBEARER";

    OAuthBearerExchange(BearerCheck check, AuthMetrics metrics) {
        super(check, metrics);
    }

    @Override
    public String mechanism() {
        return NAME;
    }

    @Override
    Optional<BearerMessages.Message> parse(byte[] message) {
        return BearerMessages.oauthBearer(message);
    }

    @Override
    byte[] errorChallenge(BearerCheck check) {
        // RFC 6750 §3.1: invalid_token covers expired, revoked, malformed or otherwise invalid tokens.
        return BearerMessages.errorChallenge("invalid_token", check.scope(), check.discoveryUri());
    }
}
