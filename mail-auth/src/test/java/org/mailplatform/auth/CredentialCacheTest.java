package org.mailplatform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AuthTestSupport.MutableClock;
import org.mailplatform.store.account.AccountRepository;

/** Logins answered from the credential cache, and the changes that must end that at once on every replica. */
class CredentialCacheTest {

    private static final String PASSWORD = "first-Passw0rd";

    private final AccountRepository accounts = AuthTestSupport.store().accounts();
    private final PasswordHasher hasher = AuthTestSupport.fastHasher();
    private final MutableClock clock = new MutableClock();
    private final AccountManager admin = new AccountManager(accounts, hasher, new PasswordPolicy(8),
            new LoginThrottle(AuthTestSupport.limitsWithoutDelay(), clock));
    private final Replica replicaA = new Replica();
    private final Replica replicaB = new Replica();
    private InetAddress client;
    private String alice;

    /** One gateway replica: its own throttle, cache and counters. */
    private final class Replica {
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final CredentialCache cache = new CredentialCache(Duration.ofMinutes(10), 100, clock);
        final Authenticator authenticator = new Authenticator(accounts, hasher,
                new LoginThrottle(AuthTestSupport.limitsWithoutDelay(), clock), cache, new AuthMetrics(registry));

        AuthOutcome login(String user, String password) {
            return authenticator.authenticate(user, password, client);
        }

        double verifications() {
            return registry.get(AuthMetrics.VERIFICATIONS).counter().count();
        }

        double cache(String result) {
            return registry.get(AuthMetrics.CACHE).tag("result", result).counter().count();
        }
    }

    @BeforeEach
    void account() throws Exception {
        client = InetAddress.getByName("198.51.100.40");
        alice = "alice@" + AuthTestSupport.newDomain();
        admin.createAccount(alice, PASSWORD, 0);
    }

    @Test
    void aSecondLoginWithTheSamePasswordComputesNoHash() {
        assertThat(replicaA.login(alice, PASSWORD)).isInstanceOf(AuthOutcome.Success.class);
        assertThat(replicaA.verifications()).isEqualTo(1);

        assertThat(replicaA.login(alice.toUpperCase(), PASSWORD)).isInstanceOf(AuthOutcome.Success.class);
        assertThat(replicaA.login(alice, PASSWORD)).isInstanceOf(AuthOutcome.Success.class);

        assertThat(replicaA.verifications()).isEqualTo(1);
        assertThat(replicaA.cache("hit")).isEqualTo(2);
        assertThat(replicaA.cache("miss")).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsNeverAnsweredFromTheCache() {
        replicaA.login(alice, PASSWORD);

        assertThat(replicaA.login(alice, "wrong-password")).isEqualTo(new AuthOutcome.BadCredentials());
        assertThat(replicaA.login(alice, "wrong-password")).isEqualTo(new AuthOutcome.BadCredentials());
        assertThat(replicaA.login(alice, PASSWORD + " ")).isEqualTo(new AuthOutcome.BadCredentials());

        assertThat(replicaA.verifications()).isEqualTo(4);
    }

    @Test
    void aPasswordChangedThroughTheAdminFailsAtOnceOnEveryReplica() {
        assertThat(replicaA.login(alice, PASSWORD)).isInstanceOf(AuthOutcome.Success.class);
        assertThat(replicaB.login(alice, PASSWORD)).isInstanceOf(AuthOutcome.Success.class);

        admin.setPassword(alice, "second-Passw0rd");

        assertThat(replicaA.login(alice, PASSWORD)).isEqualTo(new AuthOutcome.BadCredentials());
        assertThat(replicaB.login(alice, PASSWORD)).isEqualTo(new AuthOutcome.BadCredentials());
        assertThat(replicaB.login(alice, "second-Passw0rd")).isInstanceOf(AuthOutcome.Success.class);
        assertThat(replicaB.cache("hit")).isZero();
    }

    @Test
    void settingTheSamePasswordAgainStillEndsTheCachedEntry() {
        replicaA.login(alice, PASSWORD);

        admin.setPassword(alice, PASSWORD);

        assertThat(replicaA.login(alice, PASSWORD)).isInstanceOf(AuthOutcome.Success.class);
        assertThat(replicaA.verifications()).isEqualTo(2);
    }

    @Test
    void aDisabledAccountFailsEvenWithItsPasswordCached() {
        replicaA.login(alice, PASSWORD);
        replicaB.login(alice, PASSWORD);

        admin.setDisabled(alice, true);

        assertThat(replicaA.login(alice, PASSWORD)).isEqualTo(new AuthOutcome.Disabled());
        assertThat(replicaB.login(alice, PASSWORD)).isEqualTo(new AuthOutcome.Disabled());
    }

    @Test
    void aDeletedAccountFailsEvenWithItsPasswordCached() {
        replicaA.login(alice, PASSWORD);

        admin.deleteAccount(alice);

        assertThat(replicaA.login(alice, PASSWORD)).isEqualTo(new AuthOutcome.BadCredentials());
        admin.createAccount(alice, PASSWORD, 0);
        assertThat(replicaA.login(alice, PASSWORD)).isInstanceOf(AuthOutcome.Success.class);
        assertThat(replicaA.cache("hit")).isZero();
    }

    @Test
    void anEntryExpiresAfterItsTtl() {
        replicaA.login(alice, PASSWORD);
        clock.advance(Duration.ofMinutes(10));

        assertThat(replicaA.login(alice, PASSWORD)).isInstanceOf(AuthOutcome.Success.class);
        assertThat(replicaA.verifications()).isEqualTo(2);
    }

    @Test
    void theCacheHoldsAtMostItsBound() throws Exception {
        CredentialCache small = new CredentialCache(Duration.ofMinutes(10), 3, clock);
        var account = accounts.findByAddress(alice).orElseThrow();
        for (int i = 0; i < 10; i++) {
            small.remember(account, account.passwordHash(), "password-" + i);
        }

        assertThat(small.size()).isEqualTo(3);
        assertThat(small.matches(account, "password-9")).isTrue();
        assertThat(small.matches(account, "password-0")).isFalse();
    }

    @Test
    void aZeroTtlSwitchesTheCacheOff() {
        CredentialCache off = new CredentialCache(Duration.ZERO, 100, clock);
        var account = accounts.findByAddress(alice).orElseThrow();
        off.remember(account, account.passwordHash(), PASSWORD);

        assertThat(off.enabled()).isFalse();
        assertThat(off.matches(account, PASSWORD)).isFalse();
    }
}
