package org.mailplatform.msa.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class RecipientRateLimiterTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void anAccountGetsItsHourlyBudgetAndAFreshOneNextHour() {
        RecipientRateLimiter limiter = new RecipientRateLimiter(3, clock);

        assertThat(limiter.tryAcquire("alice@example.test")).isTrue();
        assertThat(limiter.tryAcquire("alice@example.test")).isTrue();
        assertThat(limiter.tryAcquire("alice@example.test")).isTrue();
        assertThat(limiter.tryAcquire("alice@example.test")).isFalse();
        assertThat(limiter.tryAcquire("bob@example.test")).isTrue();

        now.set(now.get().plus(Duration.ofHours(1)));
        assertThat(limiter.tryAcquire("alice@example.test")).isTrue();
    }

    @Test
    void zeroIsNoLimit() {
        RecipientRateLimiter limiter = new RecipientRateLimiter(0, clock);
        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.tryAcquire("alice@example.test")).isTrue();
        }
    }
}
