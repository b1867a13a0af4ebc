package org.mailplatform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AuthTestSupport.MutableClock;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(3, 5, Duration.ofMinutes(10),
            Duration.ofSeconds(10), Duration.ofSeconds(60), 1000, 64, Duration.ofSeconds(1), Duration.ofSeconds(5)), clock);

    @Test
    void anAccountIsRefusedAfterItsLimitForAGrowingDelay() throws Exception {
        InetAddress client = InetAddress.getByName("192.0.2.10");
        for (int i = 0; i < 2; i++) {
            throttle.recordFailure("Alice@Example.test", client);
        }
        assertThat(throttle.blockedFor("alice@example.test", client)).isEmpty();

        throttle.recordFailure("alice@EXAMPLE.test", client);
        assertThat(throttle.blockedFor("ALICE@example.test", null)).hasValue(Duration.ofSeconds(10));

        clock.advance(Duration.ofSeconds(10));
        assertThat(throttle.blockedFor("alice@example.test", null)).isEmpty();
        throttle.recordFailure("alice@example.test", null);
        assertThat(throttle.blockedFor("alice@example.test", null)).hasValue(Duration.ofSeconds(20));

        clock.advance(Duration.ofSeconds(20));
        throttle.recordFailure("alice@example.test", null);
        throttle.recordFailure("alice@example.test", null);
        throttle.recordFailure("alice@example.test", null);
        assertThat(throttle.blockedFor("alice@example.test", null)).hasValue(Duration.ofSeconds(60));
    }

    @Test
    void successClearsTheAccountButNotTheAddress() throws Exception {
        InetAddress client = InetAddress.getByName("192.0.2.20");
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("user" + (i % 2) + "@example.test", client);
        }
        throttle.recordFailure("bob@example.test", null);
        throttle.recordFailure("bob@example.test", null);
        throttle.recordFailure("bob@example.test", null);

        throttle.recordSuccess("bob@example.test");

        assertThat(throttle.blockedFor("bob@example.test", null)).isEmpty();
        assertThat(throttle.blockedFor("bob@example.test", client)).isPresent();
        assertThat(throttle.blockedFor("someone-new@example.test", client)).isPresent();
        assertThat(throttle.blockedFor("someone-new@example.test", InetAddress.getByName("192.0.2.21"))).isEmpty();
    }

    @Test
    void ipv6ClientsInOnePrefixCountTogether() throws Exception {
        for (int i = 1; i <= 5; i++) {
            throttle.recordFailure("u" + i + "@example.test", InetAddress.getByName("2001:db8:1:2::" + i));
        }

        assertThat(throttle.blockedFor("x@example.test", InetAddress.getByName("2001:db8:1:2:ffff::1"))).isPresent();
        assertThat(throttle.blockedFor("x@example.test", InetAddress.getByName("2001:db8:1:3::1"))).isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        throttle.recordFailure("carol@example.test", null);
        throttle.recordFailure("carol@example.test", null);
        clock.advance(Duration.ofMinutes(11));
        throttle.recordFailure("carol@example.test", null);

        assertThat(throttle.blockedFor("carol@example.test", null)).isEmpty();
    }

    @Test
    void namesThatAreNotAccountsAreThrottledToo() {
        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("not an address", null);
        }

        assertThat(throttle.blockedFor("NOT AN ADDRESS", null)).isPresent();
    }

    @Test
    void trackedNamesStayWithinTheirBound() {
        for (int i = 0; i < 5000; i++) {
            throttle.recordFailure("random" + i + "@example.test", null);
        }

        assertThat(throttle.trackedKeys()).isLessThanOrEqualTo(1000);
    }

    @Test
    void eachFailureIsAnsweredAfterADelayThatDoublesWithTheLargerCount() throws Exception {
        InetAddress client = InetAddress.getByName("192.0.2.30");

        assertThat(throttle.recordFailure("dan@example.test", client)).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.recordFailure("dan@example.test", client)).isEqualTo(Duration.ofSeconds(2));
        // A new name from the same client: the address's count (3) decides.
        assertThat(throttle.recordFailure("erin@example.test", client)).isEqualTo(Duration.ofSeconds(4));
        assertThat(throttle.recordFailure("erin@example.test", client)).isEqualTo(Duration.ofSeconds(5));
        // A new name from another client starts low again.
        assertThat(throttle.recordFailure("fay@example.test", InetAddress.getByName("192.0.2.31")))
                .isEqualTo(Duration.ofSeconds(1));
    }
}
