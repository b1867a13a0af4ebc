package org.mailplatform.kernel.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {

    @Test
    void limitsEachAddressAndReleasesPlaces() throws Exception {
        ConnectionLimiter limiter = new ConnectionLimiter(2, 100);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");

        var first = limiter.tryAcquire(a);
        var second = limiter.tryAcquire(a);
        var third = limiter.tryAcquire(a);
        var other = limiter.tryAcquire(b);

        assertThat(first).isInstanceOf(ConnectionLimiter.Permit.class);
        assertThat(second).isInstanceOf(ConnectionLimiter.Permit.class);
        assertThat(third).isEqualTo(new ConnectionLimiter.Refusal(ConnectionLimiter.Limit.PER_ADDRESS));
        assertThat(other).isInstanceOf(ConnectionLimiter.Permit.class);
        assertThat(limiter.total()).isEqualTo(3);

        limiter.release((ConnectionLimiter.Permit) first);
        assertThat(limiter.tryAcquire(a)).isInstanceOf(ConnectionLimiter.Permit.class);
        assertThat(limiter.connectionsFrom(a)).isEqualTo(2);
    }

    @Test
    void countsAllAddressesOfAnIpv6Slash64AsOneClient() throws Exception {
        ConnectionLimiter limiter = new ConnectionLimiter(1, 100);

        assertThat(limiter.tryAcquire(InetAddress.getByName("2001:db8:1:2::1"))).isInstanceOf(ConnectionLimiter.Permit.class);
        assertThat(limiter.tryAcquire(InetAddress.getByName("2001:db8:1:2:ffff::9")))
                .isEqualTo(new ConnectionLimiter.Refusal(ConnectionLimiter.Limit.PER_ADDRESS));
        assertThat(limiter.tryAcquire(InetAddress.getByName("2001:db8:1:3::1"))).isInstanceOf(ConnectionLimiter.Permit.class);
    }

    @Test
    void enforcesTheGlobalLimitAcrossAddresses() throws Exception {
        ConnectionLimiter limiter = new ConnectionLimiter(10, 2);

        var first = limiter.tryAcquire(InetAddress.getByName("192.0.2.1"));
        limiter.tryAcquire(null);

        assertThat(limiter.tryAcquire(InetAddress.getByName("192.0.2.3"))).isEqualTo(new ConnectionLimiter.Refusal(ConnectionLimiter.Limit.GLOBAL));
        limiter.release((ConnectionLimiter.Permit) first);
        assertThat(limiter.tryAcquire(InetAddress.getByName("192.0.2.3"))).isInstanceOf(ConnectionLimiter.Permit.class);
        assertThat(limiter.connectionsFrom(InetAddress.getByName("192.0.2.1"))).isZero();
    }
}
