package org.mailplatform.auth.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.testsupport.TestIdentityProvider;
import org.mailplatform.testsupport.TestIdentityProvider.KeyKind;

/** Token checks against a real provider on loopback serving its discovery document and key set. */
class TokenValidatorTest {

    private static final String AUDIENCE = "mail-platform";
    private static final String ALICE = "alice@example.test";

    private final TestIdentityProvider idp = TestIdentityProvider.start();
    private TokenValidator validator = validator(idp, Optional.empty(), "email", Optional.empty(), Duration.ofSeconds(30));

    @AfterEach
    void close() throws Exception {
        validator.close();
        idp.close();
    }

    static TokenValidator validator(TestIdentityProvider idp, Optional<URI> jwksUri, String claim, Optional<String> scope,
                                    Duration refreshInterval) {
        return new TokenValidator(new TokenValidator.Settings(URI.create(idp.issuer()), jwksUri, Set.of(AUDIENCE), claim,
                scope, Duration.ofSeconds(60), Duration.ofMinutes(15), refreshInterval, Duration.ofSeconds(10), true));
    }

    @Test
    void acceptsTokensSignedWithEachKindOfKeyFoundThroughDiscovery() {
        for (KeyKind kind : KeyKind.values()) {
            assertThat(validator.validate(idp.sign(kind, idp.claims(ALICE, AUDIENCE).build())))
                    .as(kind.name()).isEqualTo(new TokenVerdict.Valid(ALICE));
        }
        // One discovery, one key set fetch: the set is cached.
        assertThat(idp.keySetFetches()).isEqualTo(1);
    }

    @Test
    void aConfiguredKeySetAddressIsUsedWithoutDiscovery() throws Exception {
        validator.close();
        validator = validator(idp, Optional.of(idp.jwksUri()), "email", Optional.empty(), Duration.ofSeconds(30));

        assertThat(validator.validate(idp.sign(KeyKind.RSA, idp.claims(ALICE, AUDIENCE).build()))).isEqualTo(new TokenVerdict.Valid(ALICE));
    }

    @Test
    void refusesExpiredTokensBeyondTheClockSkew() {
        Instant now = Instant.now();
        String expired = idp.sign(KeyKind.RSA, idp.claims(ALICE, AUDIENCE).expirationTime(Date.from(now.minusSeconds(120))).build());
        String justExpired = idp.sign(KeyKind.RSA, idp.claims(ALICE, AUDIENCE).expirationTime(Date.from(now.minusSeconds(10))).build());

        assertThat(validator.validate(expired)).isInstanceOf(TokenVerdict.Invalid.class);
        assertThat(validator.validate(justExpired)).isEqualTo(new TokenVerdict.Valid(ALICE));
    }

    @Test
    void refusesTokensNotYetValidAndTokensWithoutExpiry() {
        String early = idp.sign(KeyKind.EC, idp.claims(ALICE, AUDIENCE).notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build());
        String eternal = idp.sign(KeyKind.EC, idp.claims(ALICE, AUDIENCE).expirationTime(null).build());

        assertThat(validator.validate(early)).isInstanceOf(TokenVerdict.Invalid.class);
        assertThat(validator.validate(eternal)).isInstanceOf(TokenVerdict.Invalid.class);
    }

    @Test
    void refusesAnotherAudienceOrIssuer() {
        String otherAudience = idp.sign(KeyKind.RSA, idp.claims(ALICE, "another-client").build());
        String otherIssuer = idp.sign(KeyKind.RSA, idp.claims(ALICE, AUDIENCE).issuer("https://evil.example").build());
        String noAudience = idp.sign(KeyKind.RSA, idp.claims(ALICE, AUDIENCE).audience((String) null).build());

        assertThat(validator.validate(otherAudience)).isInstanceOf(TokenVerdict.Invalid.class);
        assertThat(validator.validate(otherIssuer)).isInstanceOf(TokenVerdict.Invalid.class);
        assertThat(validator.validate(noAudience)).isInstanceOf(TokenVerdict.Invalid.class);
    }

    @Test
    void refusesBadSignatures() {
        JWTClaimsSet claims = idp.claims(ALICE, AUDIENCE).build();
        for (KeyKind kind : KeyKind.values()) {
            assertThat(validator.validate(idp.forge(kind, claims))).as(kind.name()).isInstanceOf(TokenVerdict.Invalid.class);
        }
        // A signature moved from another token.
        String[] genuine = idp.sign(KeyKind.RSA, claims).split("\\.");
        String[] other = idp.sign(KeyKind.RSA, idp.claims("bob@example.test", AUDIENCE).build()).split("\\.");
        assertThat(validator.validate(genuine[0] + "." + other[1] + "." + genuine[2])).isInstanceOf(TokenVerdict.Invalid.class);
    }

    @Test
    void refusesUnsignedTokensAndSymmetricAlgorithms() throws Exception {
        JWTClaimsSet claims = idp.claims(ALICE, AUDIENCE).build();
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(idp.kid(KeyKind.RSA)).build(), claims);
        hmac.sign(new MACSigner(new byte[32]));

        assertThat(validator.validate(new PlainJWT(claims).serialize())).isInstanceOf(TokenVerdict.Invalid.class);
        assertThat(validator.validate(hmac.serialize())).isInstanceOf(TokenVerdict.Invalid.class);
    }

    @Test
    void refusesAnAlgorithmThatDoesNotFitTheKey() {
        // An EC key's kid in an RS256 header: the key set has no RSA key by that id.
        String token = idp.sign(KeyKind.RSA, idp.claims(ALICE, AUDIENCE).build());
        String[] parts = token.split("\\.");
        String header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(idp.kid(KeyKind.EC)).type(JOSEObjectType.JWT).build()
                .toBase64URL().toString();

        assertThat(validator.validate(header + "." + parts[1] + "." + parts[2])).isInstanceOf(TokenVerdict.Invalid.class);
    }

    @Test
    void malformedTokensAreRefusedWithoutThrowing() {
        for (String token : new String[] {"", "x", "a.b", "a.b.c", "...", "e30.e30.", "e30.e30.e30",
                Base64URL.encode("{\"alg\":\"RS256\"}") + ".%%%.abc", "x".repeat(20_000)}) {
            assertThat(validator.validate(token)).as(token.length() > 40 ? "long" : token).isInstanceOf(TokenVerdict.Invalid.class);
        }
        assertThat(validator.validate(null)).isInstanceOf(TokenVerdict.Invalid.class);
    }

    @Test
    void theAccountClaimIsConfigurableAndMustBeAString() throws Exception {
        validator.close();
        validator = validator(idp, Optional.empty(), "preferred_username", Optional.empty(), Duration.ofSeconds(30));
        String token = idp.sign(KeyKind.RSA, idp.claims("x@example.test", AUDIENCE).claim("preferred_username", "carol@example.test").build());
        String numeric = idp.sign(KeyKind.RSA, idp.claims(ALICE, AUDIENCE).claim("preferred_username", 42).build());

        assertThat(validator.validate(token)).isEqualTo(new TokenVerdict.Valid("carol@example.test"));
        assertThat(validator.validate(numeric)).isInstanceOf(TokenVerdict.Invalid.class);
    }

    @Test
    void anUnverifiedEmailNamesNoOne() {
        String token = idp.sign(KeyKind.RSA, idp.claims(ALICE, AUDIENCE).claim("email_verified", false).build());

        assertThat(validator.validate(token)).isInstanceOf(TokenVerdict.Invalid.class);
    }

    @Test
    void aRequiredScopeMustBeGranted() throws Exception {
        validator.close();
        validator = validator(idp, Optional.empty(), "email", Optional.of("mail"), Duration.ofSeconds(30));

        assertThat(validator.validate(idp.sign(KeyKind.RSA, idp.claims(ALICE, AUDIENCE).claim("scope", "openid mail").build())))
                .isEqualTo(new TokenVerdict.Valid(ALICE));
        assertThat(validator.validate(idp.sign(KeyKind.RSA, idp.claims(ALICE, AUDIENCE).claim("scp", List.of("mail")).build())))
                .isEqualTo(new TokenVerdict.Valid(ALICE));
        assertThat(validator.validate(idp.sign(KeyKind.RSA, idp.claims(ALICE, AUDIENCE).claim("scope", "openid email").build())))
                .isInstanceOf(TokenVerdict.Invalid.class);
    }

    @Test
    void aNewKeyIdIsFetchedOnceAndMadeUpOnesAreRateLimited() {
        assertThat(validator.validate(idp.sign(KeyKind.RSA, idp.claims(ALICE, AUDIENCE).build()))).isInstanceOf(TokenVerdict.Valid.class);
        assertThat(idp.keySetFetches()).isEqualTo(1);

        String rotated = idp.addKey(KeyKind.RSA);
        assertThat(validator.validate(idp.sign(rotated, idp.claims(ALICE, AUDIENCE).build()))).isEqualTo(new TokenVerdict.Valid(ALICE));
        assertThat(idp.keySetFetches()).isEqualTo(2);

        // Tokens naming keys the provider never had: refused, and the provider is not asked again
        // within the interval however many arrive.
        for (int i = 0; i < 20; i++) {
            String unknown = idp.addKeyUnpublished(KeyKind.EC);
            assertThat(validator.validate(idp.sign(unknown, idp.claims(ALICE, AUDIENCE).build()))).isInstanceOf(TokenVerdict.Invalid.class);
        }
        assertThat(idp.keySetFetches()).isLessThanOrEqualTo(3);
        // The old key still works.
        assertThat(validator.validate(idp.sign(KeyKind.RSA, idp.claims(ALICE, AUDIENCE).build()))).isInstanceOf(TokenVerdict.Valid.class);
    }

    @Test
    void anUnreachableProviderIsATemporaryFailure() throws Exception {
        URI issuer = URI.create(idp.issuer());
        idp.close();
        try (TokenValidator orphan = new TokenValidator(new TokenValidator.Settings(issuer, Optional.empty(), Set.of(AUDIENCE), "email",
                Optional.empty(), Duration.ofSeconds(60), Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofSeconds(2), true))) {
            // A token some provider signed, whose keys cannot be fetched now.
            try (TestIdentityProvider other = TestIdentityProvider.start()) {
                String token = other.sign(KeyKind.RSA, other.claims(ALICE, AUDIENCE).issuer(issuer.toString()).build());
                assertThat(orphan.validate(token)).isInstanceOf(TokenVerdict.Unavailable.class);
                assertThat(orphan.validate(token)).isInstanceOf(TokenVerdict.Unavailable.class);
                assertThat(orphan.validate(token)).isInstanceOf(TokenVerdict.Unavailable.class);
            }
        }
    }

    @Test
    void settingsRefusePlainHttpAndAMissingAudience() {
        assertThatThrownBy(() -> new TokenValidator.Settings(URI.create("http://idp.example"), Optional.empty(), Set.of(AUDIENCE),
                "email", Optional.empty(), Duration.ofSeconds(60), Duration.ofMinutes(15), Duration.ofSeconds(30),
                Duration.ofSeconds(5), false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenValidator.Settings(URI.create("https://idp.example"), Optional.empty(), Set.of(),
                "email", Optional.empty(), Duration.ofSeconds(60), Duration.ofMinutes(15), Duration.ofSeconds(30),
                Duration.ofSeconds(5), false)).isInstanceOf(IllegalArgumentException.class);
    }
}
