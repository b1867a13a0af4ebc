package org.mailplatform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AuthTestSupport.MutableClock;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.EmailAddress;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class AuthenticatorTest {

    private static final String PASSWORD = "s3cret-Passw0rd";

    private final AccountRepository accounts = AuthTestSupport.store().accounts();
    private final PasswordHasher hasher = AuthTestSupport.fastHasher();
    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(3, 10, Duration.ofMinutes(15),
            Duration.ofSeconds(5), Duration.ofMinutes(5), 10_000, 64, Duration.ZERO, Duration.ZERO), clock);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Authenticator authenticator = new Authenticator(accounts, hasher, throttle, new AuthMetrics(registry));
    private final AccountManager manager = new AccountManager(accounts, hasher, new PasswordPolicy(8), throttle);
    private InetAddress client;
    private String domain;
    private Account alice;

    @BeforeEach
    void account() throws Exception {
        client = InetAddress.getByName("198.51.100.7");
        domain = AuthTestSupport.newDomain();
        alice = manager.createAccount("alice@" + domain, PASSWORD, 0);
    }

    @Test
    void theRightPasswordAuthenticatesWhateverTheCaseOfTheAddress() {
        AuthOutcome outcome = authenticator.authenticate("ALICE@" + domain.toUpperCase(), PASSWORD, client);

        assertThat(outcome).isInstanceOf(AuthOutcome.Success.class);
        assertThat(((AuthOutcome.Success) outcome).account().id()).isEqualTo(alice.id());
        assertThat(registry.get(AuthMetrics.NAME).tag("mechanism", "PASSWORD").tag("outcome", "success").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aWrongPasswordAndAnUnknownNameLookTheSame() {
        assertThat(authenticator.authenticate("alice@" + domain, "wrong-password", client)).isEqualTo(new AuthOutcome.BadCredentials());
        assertThat(authenticator.authenticate("nobody@" + domain, PASSWORD, client)).isEqualTo(new AuthOutcome.BadCredentials());
        assertThat(authenticator.authenticate("not an address", PASSWORD, client)).isEqualTo(new AuthOutcome.BadCredentials());
        assertThat(authenticator.authenticate(null, null, null)).isEqualTo(new AuthOutcome.BadCredentials());
        assertThat(authenticator.authenticate("alice@" + domain, "x".repeat(5000), client)).isEqualTo(new AuthOutcome.BadCredentials());
        assertThat(registry.get(AuthMetrics.NAME).tag("outcome", "bad_credentials").counter().count()).isEqualTo(5);
    }

    @Test
    void aDisabledAccountIsReportedOnlyToWhoKnowsThePassword() {
        manager.setDisabled("alice@" + domain, true);

        assertThat(authenticator.authenticate("alice@" + domain, PASSWORD, client)).isEqualTo(new AuthOutcome.Disabled());
        assertThat(authenticator.authenticate("alice@" + domain, "wrong-password", client)).isEqualTo(new AuthOutcome.BadCredentials());
    }

    @Test
    void afterTooManyFailuresEvenTheRightPasswordIsRefusedUntilTheDelayPasses() {
        for (int i = 0; i < 3; i++) {
            authenticator.authenticate("alice@" + domain, "guess" + i, client);
        }

        AuthOutcome refused = authenticator.authenticate("alice@" + domain, PASSWORD, client);
        assertThat(refused).isEqualTo(new AuthOutcome.Throttled(Duration.ofSeconds(5)));
        assertThat(registry.get(AuthMetrics.NAME).tag("outcome", "throttled").counter().count()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(5));
        assertThat(authenticator.authenticate("alice@" + domain, PASSWORD, client)).isInstanceOf(AuthOutcome.Success.class);
        // The success cleared the account's count: one more failure does not block.
        authenticator.authenticate("alice@" + domain, "guess", client);
        assertThat(authenticator.authenticate("alice@" + domain, PASSWORD, client)).isInstanceOf(AuthOutcome.Success.class);
    }

    @Test
    void oneClientGuessingAtManyNamesIsRefused() throws Exception {
        InetAddress guesser = InetAddress.getByName("203.0.113.99");
        for (int i = 0; i < 10; i++) {
            authenticator.authenticate("user" + i + "@" + domain, "guess", guesser);
        }

        assertThat(authenticator.authenticate("alice@" + domain, PASSWORD, guesser)).isInstanceOf(AuthOutcome.Throttled.class);
        assertThat(authenticator.authenticate("alice@" + domain, PASSWORD, client)).isInstanceOf(AuthOutcome.Success.class);
    }

    @Test
    void anUnknownNameCostsAsMuchHashingAsAWrongPassword() {
        // A costlier hash than the other tests use, so the hashing dominates the database lookup.
        PasswordHasher slow = new PasswordHasher(16384, 2, 1);
        Account measured = accounts.create(new EmailAddress("timed", domain), slow.hash(PASSWORD), 0);
        Authenticator timed = new Authenticator(accounts, slow, new LoginThrottle(AuthTestSupport.limitsWithoutDelay(),
                java.time.Clock.systemUTC()), AuthMetrics.none());
        long wrong = Long.MAX_VALUE;
        long unknown = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            timed.authenticate(measured.address().toString(), "wrong-password", null);
            long t1 = System.nanoTime();
            timed.authenticate("nobody-" + i + "@" + domain, "wrong-password", null);
            long t2 = System.nanoTime();
            wrong = Math.min(wrong, t1 - t0);
            unknown = Math.min(unknown, t2 - t1);
        }

        assertThat(unknown).isGreaterThan(wrong / 2);
    }

    @Test
    void aBcryptHashIsUpgradedToArgon2idAtTheNextLogin() {
        Account legacy = accounts.create(new EmailAddress("legacy", domain), new BCryptPasswordEncoder(4).encode(PASSWORD), 0);

        assertThat(authenticator.authenticate("legacy@" + domain, PASSWORD, client)).isInstanceOf(AuthOutcome.Success.class);

        String upgraded = accounts.findById(legacy.id()).orElseThrow().passwordHash();
        assertThat(upgraded).startsWith("$argon2id$");
        assertThat(authenticator.authenticate("legacy@" + domain, PASSWORD, client)).isInstanceOf(AuthOutcome.Success.class);
    }

    @Test
    void eachFailureIsAnsweredAfterAGrowingDelayAndASuccessIsNot() throws Exception {
        LoginThrottle.Limits d = LoginThrottle.Limits.defaults();
        LoginThrottle delaying = new LoginThrottle(new LoginThrottle.Limits(100, 100, d.window(), d.initialDelay(),
                d.maxDelay(), 1000, 64, Duration.ofMillis(200), Duration.ofSeconds(2)), java.time.Clock.systemUTC());
        Authenticator slowed = new Authenticator(accounts, hasher, delaying, AuthMetrics.none());
        InetAddress guesser = InetAddress.getByName("203.0.113.150");

        long first = millis(() -> slowed.authenticate("alice@" + domain, "guess-1", guesser));
        long second = millis(() -> slowed.authenticate("alice@" + domain, "guess-2", guesser));
        long success = millis(() -> slowed.authenticate("alice@" + domain, PASSWORD, client));

        assertThat(first).isGreaterThanOrEqualTo(200);
        assertThat(second).isGreaterThanOrEqualTo(400);
        assertThat(success).isLessThan(800);
    }

    private static long millis(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
