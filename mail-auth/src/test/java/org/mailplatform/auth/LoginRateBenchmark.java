package org.mailplatform.auth;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.mailplatform.store.account.AccountRepository;

/**
 * Successful logins per second through the real {@link Authenticator} with the production Argon2id
 * cost (19 MiB, 2 passes) and the shared throttle table, without and with the credential cache.
 * A few accounts log in over and over, as polling and reconnecting clients do. A measurement, not
 * a check: {@code -Dbenchmark=true -Dtest=LoginRateBenchmark}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class LoginRateBenchmark {

    private static final String PASSWORD = "benchmark-Passw0rd";
    private static final int ACCOUNTS = 4;
    private static final int THREADS = 2;
    private static final Duration RUN = Duration.ofSeconds(10);

    private final AccountRepository accounts = AuthTestSupport.store().accounts();
    private final PasswordHasher hasher = new PasswordHasher(19456, 2, 1);

    @Test
    void loginsPerSecond() throws Exception {
        String domain = AuthTestSupport.newDomain();
        AccountManager manager = new AccountManager(accounts, hasher, new PasswordPolicy(8),
                new LoginThrottle(AuthTestSupport.limitsWithoutDelay(), Clock.systemUTC()));
        List<String> users = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            users.add(manager.createAccount("user" + i + "@" + domain, PASSWORD, 0).address().toString());
        }
        for (int round = 0; round < 2; round++) {
            report("no cache", measure(authenticator(CredentialCache.disabled()), users));
            report("credential cache", measure(authenticator(
                    new CredentialCache(Duration.ofHours(1), 10_000, Clock.systemUTC())), users));
        }
    }

    private Authenticator authenticator(CredentialCache cache) {
        LoginThrottle throttle = new LoginThrottle(LoginThrottle.Limits.defaults(), Clock.systemUTC(),
                AuthTestSupport.store().authFailures());
        return new Authenticator(accounts, hasher, throttle, cache, AuthMetrics.none());
    }

    // Each account logs in once before the clock starts, as clients that poll or reconnect do.
    private static double measure(Authenticator authenticator, List<String> users) throws Exception {
        InetAddress client = InetAddress.getLoopbackAddress();
        for (String user : users) {
            authenticator.authenticate(user, PASSWORD, client);
        }
        long deadline = System.nanoTime() + RUN.toNanos();
        long start = System.nanoTime();
        List<Future<Integer>> counts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                counts.add(pool.submit(() -> {
                    int n = 0;
                    for (int i = first; System.nanoTime() < deadline; i += THREADS) {
                        AuthOutcome outcome = authenticator.authenticate(users.get(i % users.size()), PASSWORD, client);
                        if (!(outcome instanceof AuthOutcome.Success)) {
                            throw new IllegalStateException("login failed: " + outcome);
                        }
                        n++;
                    }
                    return n;
                }));
            }
            int total = 0;
            for (Future<Integer> c : counts) {
                total += c.get();
            }
            return total / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void report(String what, double rate) {
        System.out.printf("LOGIN RATE %-17s %8.1f logins/s (%d threads, %d cores)%n", what, rate, THREADS,
                Runtime.getRuntime().availableProcessors());
    }
}
