package org.mailplatform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AuthTestSupport.MutableClock;
import org.mailplatform.auth.oauth.TokenValidator;
import org.mailplatform.auth.sasl.SaslAuthenticator;
import org.mailplatform.auth.sasl.SaslExchange;
import org.mailplatform.auth.sasl.SaslFailure;
import org.mailplatform.auth.sasl.SaslStep;
import org.mailplatform.store.account.Account;
import org.mailplatform.testsupport.TestIdentityProvider;
import org.mailplatform.testsupport.TestIdentityProvider.KeyKind;

/**
 * OAUTHBEARER and XOAUTH2 end to end below the protocols: tokens signed by a provider on loopback,
 * checked against its published keys, the account looked up in the real database, and the
 * password logins' throttle and metrics applied.
 */
class OAuthLoginTest {

    private static final String AUDIENCE = "mail-platform";
    private static final int ACCOUNT_MAX_FAILURES = 8;

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(ACCOUNT_MAX_FAILURES, 50, Duration.ofMinutes(15),
            Duration.ofSeconds(30), Duration.ofMinutes(5), 10_000, 64, Duration.ZERO, Duration.ZERO), clock);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AuthMetrics metrics = new AuthMetrics(registry);
    private final PasswordHasher hasher = AuthTestSupport.fastHasher();
    private final TestIdentityProvider idp = TestIdentityProvider.start();
    private final TokenValidator tokens = new TokenValidator(new TokenValidator.Settings(URI.create(idp.issuer()),
            Optional.empty(), Set.of(AUDIENCE), "email", Optional.of("mail"), Duration.ofSeconds(60), Duration.ofMinutes(15),
            Duration.ofSeconds(30), Duration.ofSeconds(10), true));
    private final Authenticator authenticator = new Authenticator(AuthTestSupport.store().accounts(), hasher, throttle, metrics);
    private final SaslAuthenticator sasl = new SaslAuthenticator(authenticator, metrics, tokens);
    private InetAddress client;
    private String domain;
    private String user;
    private Account account;
    private AccountManager manager;

    @BeforeEach
    void account() throws Exception {
        client = InetAddress.getByName("192.0.2.77");
        domain = AuthTestSupport.newDomain();
        user = "olivia@" + domain;
        manager = new AccountManager(AuthTestSupport.store().accounts(), hasher, new PasswordPolicy(8), throttle);
        account = manager.createAccount(user, "a long password", 0);
    }

    @AfterEach
    void close() throws Exception {
        tokens.close();
        idp.close();
    }

    private String token(String account) {
        return idp.sign(KeyKind.RSA, idp.claims(account, AUDIENCE).build());
    }

    private static byte[] oauthBearer(String authzid, String token) {
        String header = authzid == null ? "n,," : "n,a=" + authzid + ",";
        return (header + "\u0001host=mail.example.test\u0001port=993\u0001auth=Bearer " + token + "\u0001\u0001")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] xoauth2(String user, String token) {
        return ("user=" + user + "\u0001auth=Bearer " + token + "\u0001\u0001").getBytes(StandardCharsets.UTF_8);
    }

    private double count(String mechanism, String outcome) {
        var counter = registry.find(AuthMetrics.NAME).tag("mechanism", mechanism).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Runs the RFC 7628 §3.2.3 failure: the JSON error challenge, the client's %x01, the failure. */
    private SaslFailure errorExchange(String mechanism, byte[] message) {
        SaslAuthenticator.Started started = sasl.start(mechanism, Optional.of(message), client);
        assertThat(started.step()).as("error challenge").isInstanceOf(SaslStep.Challenge.class);
        String json = new String(((SaslStep.Challenge) started.step()).data(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"schemes\":\"bearer\"").contains("\"scope\":\"mail\"");
        assertThat(json).contains(mechanism.equals("OAUTHBEARER") ? "\"status\":\"invalid_token\"" : "\"status\":\"401\"");
        SaslStep last = started.exchange().step(mechanism.equals("OAUTHBEARER") ? new byte[] {1} : new byte[0]);
        assertThat(last).isInstanceOf(SaslStep.Failure.class);
        return ((SaslStep.Failure) last).reason();
    }

    @Test
    void bearerMechanismsAreOfferedOnlyWithAValidator() {
        assertThat(sasl.mechanisms()).containsExactly("PLAIN", "LOGIN", "SCRAM-SHA-256", "OAUTHBEARER", "XOAUTH2");
        assertThat(sasl.supports("oauthbearer")).isTrue();

        SaslAuthenticator passwordsOnly = new SaslAuthenticator(authenticator, metrics);
        assertThat(passwordsOnly.mechanisms()).containsExactly("PLAIN", "LOGIN", "SCRAM-SHA-256");
        assertThat(passwordsOnly.supports("XOAUTH2")).isFalse();
        assertThat(passwordsOnly.start("OAUTHBEARER", Optional.of(oauthBearer(user, token(user))), client).step())
                .isEqualTo(SaslStep.Failure.of(SaslFailure.UNSUPPORTED_MECHANISM));
    }

    @Test
    void aValidTokenLogsInWithEitherMechanism() {
        SaslStep bearer = sasl.start("OAUTHBEARER", Optional.of(oauthBearer(user, token(user))), client).step();
        SaslStep noAuthzid = sasl.start("OAUTHBEARER", Optional.of(oauthBearer(null, token(user.toUpperCase()))), client).step();
        SaslStep xoauth2 = sasl.start("XOAUTH2", Optional.of(xoauth2(user, token(user))), client).step();

        assertThat(bearer).isInstanceOf(SaslStep.Success.class);
        assertThat(((SaslStep.Success) bearer).account().id()).isEqualTo(account.id());
        assertThat(((SaslStep.Success) noAuthzid).account().id()).isEqualTo(account.id());
        assertThat(((SaslStep.Success) xoauth2).account().id()).isEqualTo(account.id());
        assertThat(count("OAUTHBEARER", "success")).isEqualTo(2);
        assertThat(count("XOAUTH2", "success")).isEqualTo(1);
    }

    @Test
    void aTokenThatFailsAnyCheckGetsTheErrorExchange() {
        Instant now = Instant.now();
        String expired = idp.sign(KeyKind.RSA, idp.claims(user, AUDIENCE).expirationTime(Date.from(now.minusSeconds(600))).build());
        String otherAudience = idp.sign(KeyKind.EC, idp.claims(user, "another-app").build());
        String otherIssuer = idp.sign(KeyKind.ED25519, idp.claims(user, AUDIENCE).issuer("https://other.example").build());
        String forged = idp.forge(KeyKind.RSA, idp.claims(user, AUDIENCE).build());

        for (String token : new String[] {expired, otherAudience, otherIssuer, forged, "not-a-jwt"}) {
            assertThat(errorExchange("OAUTHBEARER", oauthBearer(user, token))).isEqualTo(SaslFailure.BAD_CREDENTIALS);
        }
        assertThat(errorExchange("XOAUTH2", xoauth2(user, expired))).isEqualTo(SaslFailure.BAD_CREDENTIALS);
        assertThat(count("OAUTHBEARER", "bad_credentials")).isEqualTo(5);
    }

    @Test
    void theAccountMustExistAndBeEnabled() {
        String stranger = "nobody@" + domain;
        assertThat(errorExchange("OAUTHBEARER", oauthBearer(stranger, token(stranger)))).isEqualTo(SaslFailure.BAD_CREDENTIALS);

        manager.setDisabled(user, true);
        assertThat(errorExchange("OAUTHBEARER", oauthBearer(user, token(user)))).isEqualTo(SaslFailure.DISABLED);
        assertThat(errorExchange("XOAUTH2", xoauth2(user, token(user)))).isEqualTo(SaslFailure.DISABLED);
    }

    @Test
    void theNamedUserMustBeTheTokensAccount() {
        String other = "boss@" + domain;
        manager.createAccount(other, "another long password", 0);

        assertThat(errorExchange("OAUTHBEARER", oauthBearer(other, token(user)))).isEqualTo(SaslFailure.BAD_CREDENTIALS);
        assertThat(errorExchange("XOAUTH2", xoauth2(other, token(user)))).isEqualTo(SaslFailure.BAD_CREDENTIALS);
    }

    @Test
    void failuresAreThrottledLikePasswords() {
        String expired = idp.sign(KeyKind.RSA, idp.claims(user, AUDIENCE)
                .expirationTime(Date.from(Instant.now().minusSeconds(600))).build());
        for (int i = 0; i < ACCOUNT_MAX_FAILURES; i++) {
            errorExchange("OAUTHBEARER", oauthBearer(user, expired));
        }

        // The account's name is now blocked: even a valid token is refused until the block ends.
        SaslStep blocked = sasl.start("OAUTHBEARER", Optional.of(oauthBearer(user, token(user))), client).step();
        assertThat(blocked).isInstanceOf(SaslStep.Failure.class);
        assertThat(((SaslStep.Failure) blocked).reason()).isEqualTo(SaslFailure.THROTTLED);
        assertThat(count("OAUTHBEARER", "throttled")).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        assertThat(sasl.start("OAUTHBEARER", Optional.of(oauthBearer(user, token(user))), client).step())
                .isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void aRefusedTokenIsAnsweredAfterTheFailureDelay() {
        LoginThrottle slow = new LoginThrottle(new LoginThrottle.Limits(100, 100, Duration.ofMinutes(15), Duration.ofSeconds(30),
                Duration.ofMinutes(5), 10_000, 64, Duration.ofMillis(300), Duration.ofSeconds(1)), clock);
        SaslAuthenticator delayed = new SaslAuthenticator(
                new Authenticator(AuthTestSupport.store().accounts(), hasher, slow, metrics), metrics, tokens);
        String forged = idp.forge(KeyKind.EC, idp.claims(user, AUDIENCE).build());

        long start = System.nanoTime();
        SaslStep step = delayed.start("OAUTHBEARER", Optional.of(oauthBearer(user, forged)), client).step();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(step).isInstanceOf(SaslStep.Challenge.class);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(delayed.start("OAUTHBEARER", Optional.of(oauthBearer(user, token(user))), client).step())
                .isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void keyRotationIsPickedUp() {
        assertThat(sasl.start("XOAUTH2", Optional.of(xoauth2(user, token(user))), client).step()).isInstanceOf(SaslStep.Success.class);

        String kid = idp.addKey(KeyKind.EC);
        String rotated = idp.sign(kid, idp.claims(user, AUDIENCE).build());
        assertThat(sasl.start("XOAUTH2", Optional.of(xoauth2(user, rotated)), client).step()).isInstanceOf(SaslStep.Success.class);
        assertThat(idp.keySetFetches()).isEqualTo(2);
    }

    @Test
    void malformedMessagesAreRefusedAndCounted() {
        SaslExchange exchange = sasl.start("OAUTHBEARER", client);
        assertThat(exchange.begin(Optional.empty())).isInstanceOf(SaslStep.Challenge.class);
        assertThat(exchange.stepBase64("bm90IGEgbWVzc2FnZQ==")).isEqualTo(SaslStep.Failure.of(SaslFailure.MALFORMED));
        assertThat(count("OAUTHBEARER", "malformed")).isEqualTo(1);
    }
}
