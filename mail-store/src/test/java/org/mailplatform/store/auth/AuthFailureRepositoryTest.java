package org.mailplatform.store.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.StoreTestDatabase;

class AuthFailureRepositoryTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final AuthFailureRepository failures = StoreTestDatabase.store().authFailures();
    private final String account = "a:" + UUID.randomUUID() + "@example.test";
    private final String address = "c:" + UUID.randomUUID().toString().replace("-", "");
    private final Instant t0 = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void eachFailureCountsOnceForEveryKey() {
        failures.recordFailure(List.of(account, address), t0, WINDOW);
        var after = failures.recordFailure(List.of(address, account), t0.plusSeconds(1), WINDOW);

        assertThat(after.get(account).failures()).isEqualTo(2);
        assertThat(after.get(address).failures()).isEqualTo(2);
        assertThat(after.get(account).lastFailure()).isEqualTo(t0.plusSeconds(1));
        assertThat(failures.find(List.of(account, "a:nobody"))).containsOnlyKeys(account);
    }

    @Test
    void aCountStartsAgainAfterTheWindowUnlessABlockStillRuns() {
        failures.recordFailure(List.of(account), t0, WINDOW);
        failures.block(account, t0.plus(Duration.ofMinutes(20)));

        assertThat(failures.recordFailure(List.of(account), t0.plus(Duration.ofMinutes(16)), WINDOW).get(account).failures())
                .isEqualTo(2);
        var restarted = failures.recordFailure(List.of(account), t0.plus(Duration.ofMinutes(40)), WINDOW).get(account);
        assertThat(restarted.failures()).isEqualTo(1);
        assertThat(restarted.blockedUntil()).isNull();
    }

    @Test
    void aShorterBlockNeverCutsALongerOne() {
        failures.recordFailure(List.of(account), t0, WINDOW);
        failures.block(account, t0.plusSeconds(60));
        failures.block(account, t0.plusSeconds(10));

        assertThat(failures.find(List.of(account)).get(account).blockedUntil()).isEqualTo(t0.plusSeconds(60));
    }

    @Test
    void expiredRowsAreDeletedAndBlockedOnesKept() {
        failures.recordFailure(List.of(account, address), t0, WINDOW);
        failures.block(account, t0.plus(Duration.ofHours(1)));

        failures.deleteExpired(t0.plus(Duration.ofMinutes(1)), t0.plus(Duration.ofMinutes(16)));

        assertThat(failures.find(List.of(account, address))).containsOnlyKeys(account);
        failures.clear(account);
        assertThat(failures.find(List.of(account))).isEmpty();
    }
}
