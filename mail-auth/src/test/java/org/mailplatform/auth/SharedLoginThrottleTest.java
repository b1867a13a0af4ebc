package org.mailplatform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AuthTestSupport.MutableClock;
import org.mailplatform.store.auth.AuthFailureRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Failure counts in PostgreSQL, seen by every replica: each throttle here stands for one replica. */
class SharedLoginThrottleTest {

    private static final LoginThrottle.Limits LIMITS = new LoginThrottle.Limits(3, 6, Duration.ofMinutes(10),
            Duration.ofSeconds(10), Duration.ofMinutes(1), 1000, 64, Duration.ofSeconds(1), Duration.ofSeconds(8));

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger queries = new AtomicInteger();
    private final AuthFailureRepository table = new AuthFailureRepository(JdbcClient.create(
            new DelegatingDataSource(AuthTestSupport.dataSource()) {
                @Override
                public Connection getConnection() throws SQLException {
                    queries.incrementAndGet();
                    return super.getConnection();
                }
            }));
    private final LoginThrottle replicaA = new LoginThrottle(LIMITS, clock, table);
    private final LoginThrottle replicaB = new LoginThrottle(LIMITS, clock, table);
    private final String name = "user-" + UUID.randomUUID() + "@example.test";

    @Test
    void twoReplicasSeeEachOthersFailures() throws Exception {
        InetAddress client = uniqueClient();
        assertThat(replicaA.recordFailure(name, client)).isEqualTo(Duration.ofSeconds(1));
        assertThat(replicaB.recordFailure(name, client)).isEqualTo(Duration.ofSeconds(2));
        assertThat(replicaA.blockedFor(name, client)).isEmpty();
        assertThat(replicaB.blockedFor(name, client)).isEmpty();

        assertThat(replicaB.recordFailure(name, client)).isEqualTo(Duration.ofSeconds(4));

        assertThat(replicaA.blockedFor(name, client)).hasValue(Duration.ofSeconds(10));
        assertThat(replicaB.blockedFor(name, null)).hasValue(Duration.ofSeconds(10));
        assertThat(new LoginThrottle(LIMITS, clock, table).blockedFor(name.toUpperCase(), null)).isPresent();
    }

    @Test
    void oneClientGuessingAtNamesAcrossReplicasIsBlockedEverywhere() throws Exception {
        InetAddress client = uniqueClient();
        for (int i = 0; i < 6; i++) {
            (i % 2 == 0 ? replicaA : replicaB).recordFailure("guess" + i + "-" + name, client);
        }

        assertThat(replicaA.blockedFor("someone-else@example.test", client)).isPresent();
        assertThat(replicaB.blockedFor("someone-else@example.test", client)).isPresent();
        assertThat(replicaB.blockedFor("someone-else@example.test", uniqueClient())).isEmpty();
    }

    @Test
    void concurrentFailuresOnTwoReplicasAreCountedExactly() throws Exception {
        InetAddress client = uniqueClient();
        LoginThrottle.Limits high = new LoginThrottle.Limits(1000, 1000, Duration.ofMinutes(10), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1000, 64, Duration.ZERO, Duration.ZERO);
        List<LoginThrottle> replicas = List.of(new LoginThrottle(high, clock, table), new LoginThrottle(high, clock, table));
        List<Callable<Duration>> attempts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            LoginThrottle replica = replicas.get(i % 2);
            attempts.add(() -> replica.recordFailure(name, client));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Duration> f : pool.invokeAll(attempts)) {
                f.get();
            }
        }

        assertThat(table.find(List.of(ThrottleKeys.account(name))).get(ThrottleKeys.account(name)).failures()).isEqualTo(40);
    }

    @Test
    void aBlockSeenByAReplicaIsAnsweredFromMemory() throws Exception {
        InetAddress client = uniqueClient();
        for (int i = 0; i < 3; i++) {
            replicaA.recordFailure(name, client);
        }
        assertThat(replicaA.blockedFor(name, client)).isPresent();

        int before = queries.get();
        for (int i = 0; i < 100; i++) {
            assertThat(replicaA.blockedFor(name, client)).isPresent();
        }
        assertThat(queries.get()).isEqualTo(before);
    }

    @Test
    void anAdminLiftReachesAReplicaHoldingTheBlockWithinItsTrustPeriod() throws Exception {
        for (int i = 0; i < 3; i++) {
            replicaA.recordFailure(name, null);
        }
        assertThat(replicaA.blockedFor(name, null)).isPresent();

        new LoginThrottle(LIMITS, clock, table).lift(name);

        assertThat(replicaB.blockedFor(name, null)).isEmpty();
        clock.advance(LoginThrottle.LOCAL_BLOCK_TRUST.plusMillis(1));
        assertThat(replicaA.blockedFor(name, null)).isEmpty();
    }

    @Test
    void aCountStartsAgainAfterTheWindowAndOldRowsAreDeleted() throws Exception {
        String key = ThrottleKeys.account(name);
        replicaA.recordFailure(name, null);
        replicaA.recordFailure(name, null);
        clock.advance(Duration.ofMinutes(11));

        assertThat(replicaB.recordFailure(name, null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(table.find(List.of(key)).get(key).failures()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(11));
        // Any failure past the purge interval deletes rows whose window is over.
        new LoginThrottle(LIMITS, clock, table).recordFailure("other-" + name, null);
        assertThat(table.find(List.of(key))).isEmpty();
    }

    @Test
    void aSuccessClearsTheAccountsRowOnEveryReplica() throws Exception {
        replicaA.recordFailure(name, null);
        replicaA.recordFailure(name, null);

        assertThat(replicaB.blockedFor(name, null)).isEmpty();
        replicaB.recordSuccess(name);

        assertThat(table.find(List.of(ThrottleKeys.account(name)))).isEmpty();
        replicaA.recordFailure(name, null);
        assertThat(replicaA.blockedFor(name, null)).isEmpty();
    }

    @Test
    void withoutTheDatabaseAReplicaGoesOnCountingAlone() throws Exception {
        DriverManagerDataSource unreachable = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1");
        LoginThrottle cut = new LoginThrottle(LIMITS, clock, new AuthFailureRepository(JdbcClient.create(unreachable)));

        assertThat(cut.blockedFor(name, null)).isEmpty();
        cut.recordFailure(name, null);
        cut.recordFailure(name, null);
        assertThat(cut.recordFailure(name, null)).isEqualTo(Duration.ofSeconds(4));

        assertThat(cut.blockedFor(name, null)).hasValue(Duration.ofSeconds(10));
    }

    private static InetAddress uniqueClient() throws Exception {
        byte[] v6 = new byte[16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[2] = 0x0d;
        v6[3] = (byte) 0xb8;
        UUID id = UUID.randomUUID();
        for (int i = 0; i < 4; i++) {
            v6[4 + i] = (byte) (id.getMostSignificantBits() >>> (8 * i));
        }
        return InetAddress.getByAddress(v6);
    }
}
