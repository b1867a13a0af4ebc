package org.mailplatform.auth.sasl;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.mailplatform.auth.AuthMetrics;
import org.mailplatform.auth.AuthOutcome;
import org.mailplatform.auth.Authenticator;
import org.mailplatform.auth.ScramLookup;
import org.mailplatform.auth.oauth.TokenValidator;

/**
 * The server side of SASL (RFC 4422) for SMTP AUTH (RFC 4954), IMAP AUTHENTICATE (RFC 9051
 * §6.2.2) and POP3 AUTH (RFC 5034): PLAIN (RFC 4616), LOGIN, SCRAM-SHA-256 (RFC 7677) and, on a
 * connection with TLS 1.3 channel binding, SCRAM-SHA-256-PLUS (RFC 9266); with a
 * {@link TokenValidator}, OAUTHBEARER (RFC 7628) and XOAUTH2. Protocol-agnostic. PLAIN, LOGIN and
 * the bearer mechanisms send the password or token in the clear; SCRAM does not, but the protocols
 * still offer every mechanism only where they offer PLAIN (over TLS unless a local-dev setting
 * says otherwise), so one setting decides whether a login may happen before TLS at all.
 */
public final class SaslAuthenticator {

    public static final List<String> MECHANISMS = List.of("PLAIN", "LOGIN", ScramExchange.NAME);
    private static final List<String> BEARER_MECHANISMS = List.of("PLAIN", "LOGIN", ScramExchange.NAME,
            OAuthBearerExchange.NAME, XOAuth2Exchange.NAME);
    /** Offered only where the connection has channel binding ({@link ChannelBinding#present()}). */
    public static final String SCRAM_SHA_256_PLUS = ScramExchange.PLUS;

    private static final SecureRandom NONCES = new SecureRandom();

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

    /** The mechanisms to advertise on a connection without channel binding. */
    public List<String> mechanisms() {
        return tokens == null ? MECHANISMS : BEARER_MECHANISMS;
    }

    /** The mechanisms to advertise on a connection with this channel binding: -PLUS only with one. */
    public List<String> mechanisms(ChannelBinding binding) {
        if (binding == null || !binding.present()) {
            return mechanisms();
        }
        List<String> all = new ArrayList<>(mechanisms());
        all.add(SCRAM_SHA_256_PLUS);
        return List.copyOf(all);
    }

    /** RFC 4422 §3.1: mechanism names are case-insensitive here, as protocols send them either way. */
    public boolean supports(String mechanism) {
        return mechanism != null && (mechanisms().contains(mechanism.toUpperCase(Locale.ROOT))
                || SCRAM_SHA_256_PLUS.equalsIgnoreCase(mechanism));
    }

    /** Whether the mechanism may be started on a connection with this binding. */
    public boolean supports(String mechanism, ChannelBinding binding) {
        return mechanism != null && mechanisms(binding).contains(mechanism.toUpperCase(Locale.ROOT));
    }

    /**
     * A new exchange for one AUTH command. An unknown mechanism gives an exchange whose
     * {@link SaslExchange#begin} fails with {@link SaslFailure#UNSUPPORTED_MECHANISM}.
     *
     * @param client the client's address, for failure throttling (may be null)
     */
    public SaslExchange start(String mechanism, InetAddress client) {
        return start(mechanism, LoginContext.of(client));
    }

    /**
     * A new exchange for one AUTH command on a connection described by {@code context}. An unknown
     * mechanism, or -PLUS without channel binding, gives an exchange whose {@link SaslExchange#begin}
     * fails with {@link SaslFailure#UNSUPPORTED_MECHANISM}.
     */
    public SaslExchange start(String mechanism, LoginContext context) {
        String name = mechanism == null ? "" : mechanism.toUpperCase(Locale.ROOT);
        InetAddress client = context.client();
        CredentialCheck check = (username, password, mech) -> toStep(authenticator.authenticate(username, password, client, mech,
                context.protocol()));
        ScramExchange.Backend scram = new ScramExchange.Backend() {
            @Override
            public ScramLookup lookup(String username, String mech) {
                return authenticator.scramLookup(username, client, mech);
            }

            @Override
            public AuthOutcome finish(String username, ScramLookup.Verifier lookup, boolean valid, String mech) {
                return authenticator.scramFinish(username, lookup, valid, client, mech);
            }
        };
        return switch (name) {
            case "PLAIN" -> new PlainExchange(check, metrics);
            case "LOGIN" -> new LoginExchange(check, metrics);
            case ScramExchange.NAME -> new ScramExchange(false, context.channelBinding(), scram, SaslAuthenticator::nonce, metrics);
            case ScramExchange.PLUS -> context.channelBinding().present()
                    ? new ScramExchange(true, context.channelBinding(), scram, SaslAuthenticator::nonce, metrics)
                    : new UnsupportedExchange(name, metrics);
            case OAuthBearerExchange.NAME -> tokens == null ? new UnsupportedExchange(name, metrics)
                    : new OAuthBearerExchange(new BearerLogin(authenticator, tokens, client, SaslAuthenticator::toStep), metrics);
            case XOAuth2Exchange.NAME -> tokens == null ? new UnsupportedExchange(name, metrics)
                    : new XOAuth2Exchange(new BearerLogin(authenticator, tokens, client, SaslAuthenticator::toStep), metrics);
            default -> new UnsupportedExchange(name.length() > 20 ? "other" : name, metrics);
        };
    }

    /** Starts an exchange and feeds it the initial response in one call; keep the exchange for further steps. */
    public Started start(String mechanism, Optional<byte[]> initialResponse, InetAddress client) {
        return start(mechanism, initialResponse, LoginContext.of(client));
    }

    public Started start(String mechanism, Optional<byte[]> initialResponse, LoginContext context) {
        SaslExchange exchange = start(mechanism, context);
        return new Started(exchange, exchange.begin(initialResponse));
    }

    /** An exchange and its first step. */
    public record Started(SaslExchange exchange, SaslStep step) {
    }

    // RFC 5802 5.1: a random, printable server nonce with no comma (base64 of 18 octets).
    private static String nonce() {
        byte[] bytes = new byte[18];
        NONCES.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static SaslStep toStep(AuthOutcome outcome) {
        return switch (outcome) {
            case AuthOutcome.Success s -> new SaslStep.Success(s.account());
            case AuthOutcome.BadCredentials b -> SaslStep.Failure.of(SaslFailure.BAD_CREDENTIALS);
            case AuthOutcome.Throttled t -> new SaslStep.Failure(SaslFailure.THROTTLED, Optional.of(t.retryAfter()));
            case AuthOutcome.Disabled d -> SaslStep.Failure.of(SaslFailure.DISABLED);
            case AuthOutcome.Unavailable u -> SaslStep.Failure.of(SaslFailure.UNAVAILABLE);
        };
    }
}
