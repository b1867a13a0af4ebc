package org.mailplatform.auth.sasl;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.mailplatform.auth.AuthMetrics;
import org.mailplatform.auth.AuthOutcome;
import org.mailplatform.auth.Authenticator;
import org.mailplatform.auth.oauth.TokenValidator;

/**
 * The server side of SASL (RFC 4422) for SMTP AUTH (RFC 4954), IMAP AUTHENTICATE (RFC 9051
 * §6.2.2) and POP3 AUTH (RFC 5034): PLAIN (RFC 4616) and LOGIN, and with a
 * {@link TokenValidator} OAUTHBEARER (RFC 7628) and XOAUTH2. Protocol-agnostic; all of them send
 * the password or bearer token in the clear, so protocols offer them only over TLS unless a
 * local-dev setting says otherwise.
 */
public final class SaslAuthenticator {

    public static final List<String> MECHANISMS = List.of("PLAIN", "LOGIN");
    private static final List<String> BEARER_MECHANISMS = List.of("PLAIN", "LOGIN", OAuthBearerExchange.NAME, XOAuth2Exchange.NAME);

    private final Authenticator authenticator;
    private final AuthMetrics metrics;
    /** Bearer tokens (OAUTHBEARER, XOAUTH2) are offered and accepted only with a validator. */
    private final TokenValidator tokens;

    public SaslAuthenticator(Authenticator authenticator, AuthMetrics metrics) {
        this(authenticator, metrics, null);
    }

    /** @param tokens checks OAuth 2.0 bearer tokens; null: OAUTHBEARER and XOAUTH2 are not offered */
    public SaslAuthenticator(Authenticator authenticator, AuthMetrics metrics, TokenValidator tokens) {
        this.authenticator = authenticator;
        this.metrics = metrics;
        this.tokens = tokens;
    }

    /** The mechanisms to advertise, in order of preference. */
    public List<String> mechanisms() {
        return tokens == null ? MECHANISMS : BEARER_MECHANISMS;
    }

    /** RFC 4422 §3.1: mechanism names are case-insensitive here, as protocols send them either way. */
    public boolean supports(String mechanism) {
        return mechanism != null && mechanisms().contains(mechanism.toUpperCase(Locale.ROOT));
    }

    /**
     * A new exchange for one AUTH command. An unknown mechanism gives an exchange whose
     * {@link SaslExchange#begin} fails with {@link SaslFailure#UNSUPPORTED_MECHANISM}.
     *
     * @param client the client's address, for failure throttling (may be null)
     */
    public SaslExchange start(String mechanism, InetAddress client) {
        String name = mechanism == null ? "" : mechanism.toUpperCase(Locale.ROOT);
        CredentialCheck check = (username, password, mech) -> toStep(authenticator.authenticate(username, password, client, mech));
        return switch (name) {
            case "PLAIN" -> new PlainExchange(check, metrics);
            case "LOGIN" -> new LoginExchange(check, metrics);
            case OAuthBearerExchange.NAME -> tokens == null ? new UnsupportedExchange(name, metrics)
                    : new OAuthBearerExchange(new BearerLogin(authenticator, tokens, client, SaslAuthenticator::toStep), metrics);
            case XOAuth2Exchange.NAME -> tokens == null ? new UnsupportedExchange(name, metrics)
                    : new XOAuth2Exchange(new BearerLogin(authenticator, tokens, client, SaslAuthenticator::toStep), metrics);
            default -> new UnsupportedExchange(name.length() > 20 ? "other" : name, metrics);
        };
    }

    /** Starts an exchange and feeds it the initial response in one call; keep the exchange for further steps. */
    public Started start(String mechanism, Optional<byte[]> initialResponse, InetAddress client) {
        SaslExchange exchange = start(mechanism, client);
        return new Started(exchange, exchange.begin(initialResponse));
    }

    /** An exchange and its first step. */
    public record Started(SaslExchange exchange, SaslStep step) {
    }

    private static SaslStep toStep(AuthOutcome outcome) {
        return switch (outcome) {
            case AuthOutcome.Success s -> new SaslStep.Success(s.account());
            case AuthOutcome.BadCredentials b -> SaslStep.Failure.of(SaslFailure.BAD_CREDENTIALS);
            case AuthOutcome.Throttled t -> new SaslStep.Failure(SaslFailure.THROTTLED, Optional.of(t.retryAfter()));
            case AuthOutcome.Disabled d -> SaslStep.Failure.of(SaslFailure.DISABLED);
            case AuthOutcome.Unavailable u -> SaslStep.Failure.of(SaslFailure.UNAVAILABLE);
        };
    }
}
