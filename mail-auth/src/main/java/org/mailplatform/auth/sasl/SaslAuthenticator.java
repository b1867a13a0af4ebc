package org.mailplatform.auth.sasl;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.mailplatform.auth.AuthMetrics;
import org.mailplatform.auth.AuthOutcome;
import org.mailplatform.auth.Authenticator;

/**
 * The server side of SASL (RFC 4422) for SMTP AUTH (RFC 4954), IMAP AUTHENTICATE (RFC 9051
 * §6.2.2) and POP3 AUTH (RFC 5034): PLAIN (RFC 4616) and LOGIN. Protocol-agnostic; both
 * mechanisms send the password in the clear, so protocols offer them only over TLS unless a
 * local-dev setting says otherwise.
 */
public final class SaslAuthenticator {

    public static final List<String> MECHANISMS = List.of("PLAIN", "LOGIN");

    private final Authenticator authenticator;
    private final AuthMetrics metrics;

    public SaslAuthenticator(Authenticator authenticator, AuthMetrics metrics) {
        this.authenticator = authenticator;
        this.metrics = metrics;
    }

    /** The mechanisms to advertise, in order of preference. */
    public List<String> mechanisms() {
        return MECHANISMS;
    }

    /** RFC 4422 §3.1: mechanism names are case-insensitive here, as protocols send them either way. */
    public boolean supports(String mechanism) {
        return mechanism != null && MECHANISMS.contains(mechanism.toUpperCase(Locale.ROOT));
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
