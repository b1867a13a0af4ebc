package org.mailplatform.mta.outbound.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mailplatform.mta.client.TlsPolicy;
import org.mailplatform.mta.outbound.NextHop;
import org.mailplatform.mta.outbound.Route;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class DestinationLimitPropertiesTest {

    private static DestinationLimitProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("mailplatform.mta.outbound.destinations", DestinationLimitProperties.class);
    }

    @Test
    void defaultsArePostfixsTwentySessionsAndNoRate() {
        DestinationLimitProperties limits = bind(Map.of());
        DestinationLimitProperties.Limit limit = limits.limitFor("example.com");
        assertThat(limit.maxConnections()).isEqualTo(20);
        assertThat(limit.rateLimited()).isFalse();
        assertThat(limits.maxWait()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anOverrideKeepsTheDefaultsItDoesNotSetAndNamesAreCaseInsensitive() {
        DestinationLimitProperties limits = bind(Map.of(
                "mailplatform.mta.outbound.destinations.default.max-connections", "10",
                "mailplatform.mta.outbound.destinations.default.message-interval", "2m",
                "mailplatform.mta.outbound.destinations.overrides[Gmail.COM].max-messages", "600"));
        DestinationLimitProperties.Limit gmail = limits.limitFor("gmail.com");
        assertThat(gmail.maxConnections()).isEqualTo(10);
        assertThat(gmail.maxMessages()).isEqualTo(600);
        assertThat(gmail.messageInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(limits.limitFor("example.com").rateLimited()).isFalse();
    }

    @Test
    void eachReplicaTakesItsShareOfTheSessionsButAtLeastOne() {
        DestinationLimitProperties limits = bind(Map.of(
                "mailplatform.mta.outbound.destinations.replicas", "3",
                "mailplatform.mta.outbound.destinations.overrides[tiny.example].max-connections", "2"));
        assertThat(limits.connectionsPerReplica(limits.limitFor("example.com"))).isEqualTo(6);
        assertThat(limits.connectionsPerReplica(limits.limitFor("tiny.example"))).isEqualTo(1);
    }

    @Test
    void nonsenseIsRefusedAtStartup() {
        assertThatThrownBy(() -> bind(Map.of("mailplatform.mta.outbound.destinations.overrides[x.example].max-connections", "0")))
                .hasStackTraceContaining("max-connections must be at least 1");
        assertThatThrownBy(() -> bind(Map.of("mailplatform.mta.outbound.destinations.replicas", "0")))
                .hasStackTraceContaining("replicas must be at least 1");
    }

    @Test
    void theDestinationIsTheRecipientDomainForMxAndTheHostForARelay() {
        assertThat(DestinationLimiter.destinationOf(new Route.Mx("Example.COM", 25, TlsPolicy.MAY))).isEqualTo("example.com");
        assertThat(DestinationLimiter.destinationOf(new Route.Relay("smart-host", new NextHop("Relay.Example.net", 587),
                TlsPolicy.REQUIRE, null))).isEqualTo("relay.example.net");
    }
}
