package org.mailplatform.auth.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.mailplatform.auth.oauth.TokenValidator;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailplatform.auth.oauth.*}: logins with OAuth 2.0 bearer tokens (SASL OAUTHBEARER,
 * RFC 7628, and XOAUTH2) issued by one OpenID Connect provider. Off unless {@code enabled}.
 *
 * @param enabled                   offer and accept OAUTHBEARER and XOAUTH2
 * @param issuer                    the provider's issuer identifier (tokens' {@code iss}); its
 *                                  discovery document gives the key set's address
 * @param jwksUri                   the key set's address, in place of discovery
 * @param audience                  accepted {@code aud} values (the client id or API identifier
 *                                  the provider puts in the tokens for this service)
 * @param accountClaim              the claim naming the account's address
 * @param scope                     a scope the token must carry, also named in error challenges
 * @param clockSkew                 allowance for clocks when checking {@code exp} and {@code nbf}
 * @param jwksCacheTtl              how long a fetched key set is used before fetching it again
 * @param jwksRefreshMinInterval    at most two key set fetches per interval (unknown key ids)
 * @param httpTimeout               connect and read timeout of each fetch
 * @param allowInsecureHttp         allow plain-http issuer and key set addresses (development)
 */
@ConfigurationProperties(prefix = "mailplatform.auth.oauth")
public record OAuthProperties(@DefaultValue("false") boolean enabled, URI issuer, URI jwksUri,
                              List<String> audience, @DefaultValue("email") String accountClaim, String scope,
                              @DefaultValue("60s") Duration clockSkew, @DefaultValue("15m") Duration jwksCacheTtl,
                              @DefaultValue("30s") Duration jwksRefreshMinInterval,
                              @DefaultValue("5s") Duration httpTimeout,
                              @DefaultValue("false") boolean allowInsecureHttp) {

    TokenValidator.Settings settings() {
        if (issuer == null) {
            throw new IllegalStateException("mailplatform.auth.oauth.issuer is required when OAuth logins are enabled");
        }
        if (audience == null || audience.isEmpty()) {
            throw new IllegalStateException("mailplatform.auth.oauth.audience is required when OAuth logins are enabled");
        }
        return new TokenValidator.Settings(issuer, Optional.ofNullable(jwksUri), Set.copyOf(audience), accountClaim,
                Optional.ofNullable(scope), clockSkew, jwksCacheTtl, jwksRefreshMinInterval, httpTimeout,
                allowInsecureHttp);
    }
}
