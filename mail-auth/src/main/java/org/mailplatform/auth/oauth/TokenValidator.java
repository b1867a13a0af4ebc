package org.mailplatform.auth.oauth;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks OAuth 2.0 bearer tokens (RFC 6750) that are JWTs (RFC 7519, RFC 9068) issued by one
 * OpenID Connect provider: the signature against the provider's key set (RS256, ES256 or EdDSA
 * on Ed25519, as the key's type and {@code alg} allow), {@code iss} equal to the configured
 * issuer, {@code aud} containing the configured audience, {@code exp} present and not passed and
 * {@code nbf} reached (RFC 7519 §4.1.4, §4.1.5, with a small allowance for clock skew), the
 * configured scope if any, and the claim that names the account. Tokens that are not JWTs
 * (opaque tokens needing introspection) are refused.
 *
 * <p>The key set is cached for {@code jwksCacheTtl} and refreshed ahead of expiry in the
 * background; a token signed with an unknown {@code kid} triggers a refresh, at most two fetches
 * per {@code jwksRefreshMinInterval} (rotation is picked up, a flood of made-up key ids is not
 * passed on to the provider). If the provider cannot be reached, the cached set is used for up to
 * ten times its time-to-live.
 *
 * <p>Blocks (an HTTP fetch of the key set when it is due): call it off the event loop.
 */
public final class TokenValidator implements Closeable {

    /** RFC 9068 §2.1: JWT access tokens are typed {@code at+jwt}; many providers say {@code JWT} or nothing. */
    private static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");
    private static final int MAX_TOKEN_LENGTH = 16 * 1024;
    private static final int MAX_KEY_SET_BYTES = 256 * 1024;
    private static final Duration UNAVAILABLE_WARNING_INTERVAL = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(TokenValidator.class);

    /**
     * @param issuer                 the provider's issuer identifier, as its tokens' {@code iss}
     * @param jwksUri                the key set's address; empty: from the issuer's discovery document
     * @param audience               values of which a token's {@code aud} must contain one
     * @param accountClaim           the claim holding the account's address ({@code email},
     *                               {@code preferred_username}, ...)
     * @param requiredScope          a scope the token must carry ({@code scope} or {@code scp}); empty: none
     * @param clockSkew              allowance when checking {@code exp} and {@code nbf}
     * @param jwksCacheTtl           how long a fetched key set is used before it is fetched again
     * @param jwksRefreshMinInterval at most two fetches per interval, whatever tokens arrive
     * @param httpTimeout            connect and read timeout of each fetch
     * @param allowHttp              allow plain-http addresses (development only)
     */
    public record Settings(URI issuer, Optional<URI> jwksUri, Set<String> audience, String accountClaim,
                           Optional<String> requiredScope, Duration clockSkew, Duration jwksCacheTtl,
                           Duration jwksRefreshMinInterval, Duration httpTimeout, boolean allowHttp) {
        public Settings {
            if (issuer == null || !issuer.isAbsolute()) {
                throw new IllegalArgumentException("the OAuth issuer must be an absolute URL");
            }
            String scheme = issuer.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
                throw new IllegalArgumentException("the OAuth issuer must be an https URL: " + issuer);
            }
            if (audience == null || audience.isEmpty() || audience.stream().anyMatch(a -> a == null || a.isBlank())) {
                throw new IllegalArgumentException("an OAuth audience is required: tokens for other clients of the provider must not log in");
            }
            if (accountClaim == null || accountClaim.isBlank()) {
                throw new IllegalArgumentException("the OAuth account claim must be named");
            }
            if (clockSkew.isNegative() || jwksRefreshMinInterval.isNegative() || httpTimeout.isNegative()
                    || jwksCacheTtl.compareTo(jwksRefreshMinInterval) <= 0) {
                throw new IllegalArgumentException("the key set's cache time must be longer than its refresh interval");
            }
            audience = Set.copyOf(audience);
            requiredScope = requiredScope.filter(s -> !s.isBlank());
        }
    }

    private final Settings settings;
    private final IssuerKeySetSource keySetSource;
    private final JWKSource<SecurityContext> keys;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final AtomicLong lastUnavailableWarning = new AtomicLong(System.nanoTime() - UNAVAILABLE_WARNING_INTERVAL.toNanos());

    public TokenValidator(Settings settings) {
        this.settings = settings;
        int timeout = Math.toIntExact(Math.max(1, settings.httpTimeout().toMillis()));
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(timeout, timeout, MAX_KEY_SET_BYTES);
        this.keySetSource = new IssuerKeySetSource(settings.issuer(), settings.jwksUri(), retriever, settings.allowHttp());
        long ttl = settings.jwksCacheTtl().toMillis();
        this.keys = JWKSourceBuilder.create(keySetSource)
                .cache(ttl, Math.min(timeout, ttl / 4))
                // Refreshed in the background before it expires, so logins do not wait for the fetch.
                .refreshAheadCache(Math.min(JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME, ttl / 2), true)
                .rateLimited(settings.jwksRefreshMinInterval().toMillis())
                .outageTolerant(ttl * 10)
                .build();
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, ACCESS_TOKEN_TYPE, null));
        processor.setJWSKeySelector(new JwkKeySelector(keys));
        processor.setJWSVerifierFactory(new JwsVerifiers());
        JWTClaimsSet exact = new JWTClaimsSet.Builder().issuer(settings.issuer().toString()).build();
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(settings.audience(), exact,
                Set.of("iss", "aud", "exp", settings.accountClaim()), null);
        claims.setMaxClockSkew(Math.toIntExact(settings.clockSkew().toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
    }

    public Settings settings() {
        return settings;
    }

    /** Where clients find the provider (RFC 7628 §3.2.2 {@code openid-configuration}). */
    public URI discoveryUri() {
        return IssuerKeySetSource.discoveryUri(settings.issuer());
    }

    /** Checks one token; never throws for anything a client sends. */
    public TokenVerdict validate(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return new TokenVerdict.Invalid("empty or oversized token");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            return new TokenVerdict.Invalid("not a signed JWT");
        } catch (BadJOSEException e) {
            return new TokenVerdict.Invalid(e.getMessage());
        } catch (RateLimitReachedException e) {
            // An unknown key id while the set was just fetched: no such key. Before any set was
            // fetched, the provider is failing: a temporary condition.
            return keySetSource.everLoaded() ? new TokenVerdict.Invalid("no key with this key id")
                    : new TokenVerdict.Unavailable("the key set could not be fetched yet");
        } catch (KeySourceException e) {
            warnUnavailable(e);
            return new TokenVerdict.Unavailable(e.getMessage());
        } catch (JOSEException | RuntimeException e) {
            return new TokenVerdict.Invalid("unverifiable token: " + e.getClass().getSimpleName());
        }
        return account(claims);
    }

    // While the provider is down every login would say so: once a minute is enough.
    private void warnUnavailable(KeySourceException e) {
        long now = System.nanoTime();
        long last = lastUnavailableWarning.get();
        if (now - last >= UNAVAILABLE_WARNING_INTERVAL.toNanos() && lastUnavailableWarning.compareAndSet(last, now)) {
            log.warn("cannot fetch the OAuth key set of {}: {}", settings.issuer(), e.getMessage());
        }
    }

    private TokenVerdict account(JWTClaimsSet claims) {
        if (settings.requiredScope().isPresent() && !scopes(claims).contains(settings.requiredScope().get())) {
            return new TokenVerdict.Invalid("the token lacks scope " + settings.requiredScope().get());
        }
        Object value = claims.getClaim(settings.accountClaim());
        if (!(value instanceof String account) || account.isBlank() || account.length() > 320) {
            return new TokenVerdict.Invalid("claim " + settings.accountClaim() + " is not an account name");
        }
        // OpenID Connect Core §5.1: an address the provider has not verified names no one reliably.
        if (settings.accountClaim().equals("email") && Boolean.FALSE.equals(claims.getClaim("email_verified"))) {
            return new TokenVerdict.Invalid("email_verified is false");
        }
        return new TokenVerdict.Valid(account);
    }

    /** RFC 8693 §4.2 / RFC 9068 §2.2.3: {@code scope} is space-separated; some providers send {@code scp} as a list. */
    private static Set<String> scopes(JWTClaimsSet claims) {
        Set<String> scopes = new HashSet<>();
        if (claims.getClaim("scope") instanceof String text) {
            scopes.addAll(List.of(text.trim().split(" +")));
        }
        Object scp = claims.getClaim("scp");
        if (scp instanceof String text) {
            scopes.addAll(List.of(text.trim().split(" +")));
        } else if (scp instanceof Collection<?> list) {
            list.forEach(s -> scopes.add(String.valueOf(s)));
        }
        return scopes;
    }

    /**
     * The account a token claims to be for, read without checking anything: only to count a
     * failed login under a name when the client gave none.
     */
    public static Optional<String> unverifiedAccount(String token, String accountClaim) {
        try {
            Object value = JWTParser.parse(token).getJWTClaimsSet().getClaim(accountClaim);
            return value instanceof String s && s.length() <= 320 ? Optional.of(s) : Optional.empty();
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        if (keys instanceof Closeable closeable) {
            closeable.close();
        }
    }
}
