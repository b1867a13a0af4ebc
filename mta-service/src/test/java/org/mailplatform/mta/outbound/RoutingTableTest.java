package org.mailplatform.mta.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mailplatform.mta.client.TlsPolicy;
import org.mailplatform.records.topics.RetryTier;

class RoutingTableTest {

    private static RelayProperties relay(String smartHost, Map<String, String> transports) {
        return new RelayProperties(smartHost, "user", "secret", TlsPolicy.VERIFY, null, transports, TlsPolicy.MAY, 25,
                List.of(), Duration.ofSeconds(5), 5, 20, 50, false,
                new RelayProperties.Timeouts(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(5),
                        Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(10)));
    }

    @Test
    void transportsBeatTheSmartHostWhichBeatsMx() {
        RoutingTable table = new RoutingTable(relay("smtp.provider.example:587",
                Map.of("Partner.Example", "10.0.0.5:2525", "direct.example", "mx")));
        assertThat(table.routeFor("partner.example")).isEqualTo(
                new Route.Relay("transport", new NextHop("10.0.0.5", 2525), TlsPolicy.MAY, null));
        assertThat(table.routeFor("direct.example")).isEqualTo(new Route.Mx("direct.example", 25, TlsPolicy.MAY));
        Route smart = table.routeFor("anywhere.example");
        assertThat(smart.key()).isEqualTo("smart-host:smtp.provider.example:587");
        assertThat(smart.tls()).isEqualTo(TlsPolicy.VERIFY);
        assertThat(smart.credentials().username()).isEqualTo("user");
        assertThat(smart.credentials().toString()).doesNotContain("secret");
    }

    @Test
    void withoutSmartHostDomainsGoToTheirMxAndLiteralsToTheirAddress() {
        RoutingTable table = new RoutingTable(relay(null, Map.of()));
        assertThat(table.routeFor("Example.NET")).isEqualTo(new Route.Mx("example.net", 25, TlsPolicy.MAY));
        assertThat(table.routeFor("bücher.example").key()).isEqualTo("mx:xn--bcher-kva.example");
        assertThat(table.routeFor("[192.0.2.1]").key()).isEqualTo("literal:192.0.2.1:25");
    }

    @Test
    void nextHopsParse() {
        assertThat(NextHop.parse("mail.example:2525", 25)).isEqualTo(new NextHop("mail.example", 2525));
        assertThat(NextHop.parse("mail.example", 25)).isEqualTo(new NextHop("mail.example", 25));
        assertThat(NextHop.parse("[2001:db8::1]:26", 25)).isEqualTo(new NextHop("2001:db8::1", 26));
        assertThatThrownBy(() -> NextHop.parse("mail.example:x", 25)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RoutingTable(relay(null, Map.of("example.com", "host:99999"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void opportunisticIsTheStrongestPolicyForArbitraryMxHosts() {
        assertThatThrownBy(() -> new RelayProperties(null, null, null, TlsPolicy.MAY, null, Map.of(), TlsPolicy.VERIFY,
                25, List.of(), Duration.ofSeconds(5), 5, 20, 50, false, relay(null, Map.of()).timeouts()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRetryScheduleGrowsAndStopsAtTheExpiry() {
        RetrySchedule s = new RetrySchedule(List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
                Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2)), Duration.ofDays(5), Duration.ofHours(4));
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        assertThat(s.nextAttempt(now, RetryTier.afterFailedAttempts(1), now.plus(Duration.ofDays(1))))
                .isEqualTo(now.plus(Duration.ofMinutes(1)));
        assertThat(s.nextAttempt(now, RetryTier.afterFailedAttempts(9), now.plus(Duration.ofMinutes(10))))
                .isEqualTo(now.plus(Duration.ofMinutes(10)));
        assertThat(s.expiresAt(now)).isEqualTo(now.plus(Duration.ofDays(5)));
        assertThat(s.delayWarningDue(now, now.plus(Duration.ofHours(3)))).isFalse();
        assertThat(s.delayWarningDue(now, now.plus(Duration.ofHours(4)))).isTrue();
        assertThat(new RetrySchedule(s.delays(), s.maxLifetime(), Duration.ZERO).delayWarningDue(now, now.plus(Duration.ofDays(9))))
                .isFalse();
        assertThat(s.tierForAge(Duration.ZERO)).isEqualTo(RetryTier.ONE_MINUTE);
        assertThat(s.tierForAge(Duration.ofMinutes(2))).isEqualTo(RetryTier.FIVE_MINUTES);
        assertThat(s.tierForAge(Duration.ofHours(3))).isEqualTo(RetryTier.TWO_HOURS);
        assertThatThrownBy(() -> new RetrySchedule(List.of(Duration.ofMinutes(1)), Duration.ofDays(5), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
