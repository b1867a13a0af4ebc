package org.mailplatform.mta.outbound.limits;

import java.util.Set;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The limits' meters:
 * <ul>
 * <li>{@code mail.mta.destination.throttled} (counter, tag {@code reason}: connections, rate) messages
 *     that met a destination's limit: they waited, or were deferred when the wait ran out;</li>
 * <li>{@code mail.mta.destination.sessions} (gauge, tag {@code destination}) this replica's open
 *     sessions per destination with an override, and {@code other} for all the rest together, so
 *     the number of series is bounded by the configuration, not by the mail.</li>
 * </ul>
 */
final class DestinationMetrics {

    static final String OTHER = "other";
    static final String CONNECTIONS = "connections";
    static final String RATE = "rate";

    private final Counter connections;
    private final Counter rate;

    DestinationMetrics(MeterRegistry registry, Set<String> namedDestinations, ToDoubleFunction<String> openSessions) {
        this.connections = counter(registry, CONNECTIONS);
        this.rate = counter(registry, RATE);
        for (String destination : namedDestinations) {
            gauge(registry, destination, openSessions);
        }
        gauge(registry, OTHER, openSessions);
    }

    void throttled(String reason, int messages) {
        (CONNECTIONS.equals(reason) ? connections : rate).increment(messages);
    }

    private static Counter counter(MeterRegistry registry, String reason) {
        return Counter.builder("mail.mta.destination.throttled")
                .description("messages held back by a per-destination limit")
                .tag("reason", reason)
                .register(registry);
    }

    private static void gauge(MeterRegistry registry, String destination, ToDoubleFunction<String> openSessions) {
        Gauge.builder("mail.mta.destination.sessions", () -> openSessions.applyAsDouble(destination))
                .description("outbound SMTP sessions open to the destination on this replica")
                .tag("destination", destination)
                .register(registry);
    }
}
