package org.mailplatform.msa.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailplatform.store.MailStore;
import org.mailplatform.store.migration.MigrateDatabase;
import org.mailplatform.testsupport.TestDatabase;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Recipients per hour in PostgreSQL: each limiter here stands for one MSA replica with its own store. */
class RecipientRateLimiterTest {

    private static DataSource database;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final String alice = "alice-" + UUID.randomUUID() + "@example.test";

    @BeforeAll
    static void migrate() {
        TestDatabase db = TestDatabase.get();
        database = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
        MigrateDatabase.migrate(database);
    }

    private RecipientRateLimiter replica(int perHour) {
        return new RecipientRateLimiter(perHour, MailStore.create(database).rollingCounters(), clock);
    }

    @Test
    void twoReplicasShareOneHourlyBudget() {
        RecipientRateLimiter a = replica(5);
        RecipientRateLimiter b = replica(5);

        assertThat(a.tryAcquire(alice)).isTrue();
        assertThat(a.tryAcquire(alice)).isTrue();
        assertThat(b.tryAcquire(alice)).isTrue();
        assertThat(b.tryAcquire(alice.toUpperCase())).isTrue();
        assertThat(a.tryAcquire(alice)).isTrue();

        assertThat(a.tryAcquire(alice)).isFalse();
        assertThat(b.tryAcquire(alice)).isFalse();
        assertThat(b.tryAcquire("bob-" + UUID.randomUUID() + "@example.test")).isTrue();
    }

    @Test
    void theWindowRollsSoTheBudgetComesBackGradually() {
        RecipientRateLimiter a = replica(4);
        RecipientRateLimiter b = replica(4);
        a.tryAcquire(alice);
        a.tryAcquire(alice);
        now.set(now.get().plus(Duration.ofMinutes(30)));
        b.tryAcquire(alice);
        b.tryAcquire(alice);
        assertThat(a.tryAcquire(alice)).isFalse();

        // An hour after the first two, they no longer count; the two from half an hour later still do.
        now.set(now.get().plus(Duration.ofMinutes(31)));
        assertThat(b.tryAcquire(alice)).isTrue();
        assertThat(a.tryAcquire(alice)).isTrue();
        assertThat(a.tryAcquire(alice)).isFalse();

        now.set(now.get().plus(Duration.ofMinutes(30)));
        assertThat(b.tryAcquire(alice)).isTrue();
    }

    @Test
    void concurrentRecipientsOnTwoReplicasNeverPassTheLimit() throws Exception {
        List<RecipientRateLimiter> replicas = List.of(replica(25), replica(25));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                RecipientRateLimiter replica = replicas.get(i % 2);
                Callable<Boolean> attempt = () -> replica.tryAcquire(alice);
                attempts.add(pool.submit(attempt));
            }
            int accepted = 0;
            for (Future<Boolean> attempt : attempts) {
                accepted += attempt.get() ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(25);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void zeroIsNoLimit() {
        RecipientRateLimiter limiter = replica(0);
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.tryAcquire(alice)).isTrue();
        }
    }
}
