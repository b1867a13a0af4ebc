package org.mailplatform.mta.outbound.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.MeterRegistry;
import org.mailplatform.mta.client.DeliveryOutcome;
import org.mailplatform.mta.outbound.Route;
import org.mailplatform.store.rate.RollingCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces {@link DestinationLimitProperties}: a delivery run to a destination first takes one of
 * its session slots ({@link #begin}), then asks before each message whether the destination's rate
 * allows it ({@link Run#admit}). Both wait, together at most {@code max-wait} per run; what is still
 * over a limit then gets a temporary 4.4.5 outcome (RFC 3463: mail system congestion), which the
 * queue turns into a short deferral, never a bounce.
 */
public final class DestinationLimiter {

    private static final Logger log = LoggerFactory.getLogger(DestinationLimiter.class);
    private static final String RATE_KEY_PREFIX = "mta.destination:";
    private static final Duration MIN_RATE_POLL = Duration.ofMillis(50);
    private static final Duration MAX_RATE_POLL = Duration.ofSeconds(1);

    private final DestinationLimitProperties properties;
    private final RollingCounters counters;
    private final Clock clock;
    private final DestinationMetrics metrics;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    // Open sessions per destination on this replica; a destination leaves the map with its last session.
    private final Map<String, Integer> open = new HashMap<>();

    public DestinationLimiter(DestinationLimitProperties properties, RollingCounters counters, MeterRegistry registry,
                              Clock clock) {
        this.properties = properties;
        this.counters = counters;
        this.clock = clock;
        this.metrics = new DestinationMetrics(registry, properties.overrides().keySet(), this::openSessions);
    }

    /** The destination a route's limits are counted for: the recipient domain, or the relay's host. */
    public static String destinationOf(Route route) {
        String name = switch (route) {
            case Route.Mx mx -> mx.domain();
            case Route.Relay relay -> relay.hop().host();
        };
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * Takes a session slot for the route's destination, waiting up to {@code max-wait} for one.
     * The run must be closed; when {@link Run#granted()} is false it holds nothing.
     */
    public Run begin(Route route, int messages) throws InterruptedException {
        String destination = destinationOf(route);
        DestinationLimitProperties.Limit limit = properties.limitFor(destination);
        Instant deadline = clock.instant().plus(properties.maxWait());
        int slots = properties.connectionsPerReplica(limit);
        lock.lock();
        try {
            boolean waited = false;
            long left = TimeUnit.MILLISECONDS.toNanos(properties.maxWait().toMillis());
            while (open.getOrDefault(destination, 0) >= slots) {
                waited = true;
                if (left <= 0) {
                    metrics.throttled(DestinationMetrics.CONNECTIONS, messages);
                    log.info("{}: {} sessions open, the limit; {} messages deferred", destination, slots, messages);
                    return new Run(destination, limit, deadline, false);
                }
                left = released.awaitNanos(left);
            }
            if (waited) {
                metrics.throttled(DestinationMetrics.CONNECTIONS, messages);
            }
            open.merge(destination, 1, Integer::sum);
            return new Run(destination, limit, deadline, true);
        } finally {
            lock.unlock();
        }
    }

    private void release(String destination) {
        lock.lock();
        try {
            open.computeIfPresent(destination, (d, n) -> n <= 1 ? null : n - 1);
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private double openSessions(String label) {
        lock.lock();
        try {
            if (!DestinationMetrics.OTHER.equals(label)) {
                return open.getOrDefault(label, 0);
            }
            return open.entrySet().stream().filter(e -> !properties.overrides().containsKey(e.getKey()))
                    .mapToInt(Map.Entry::getValue).sum();
        } finally {
            lock.unlock();
        }
    }

    /** One delivery run's hold on a destination: its session slot and its share of the wait. */
    public final class Run implements AutoCloseable {

        private final String destination;
        private final DestinationLimitProperties.Limit limit;
        private final Instant deadline;
        private final boolean granted;
        private boolean closed;

        private Run(String destination, DestinationLimitProperties.Limit limit, Instant deadline, boolean granted) {
            this.destination = destination;
            this.limit = limit;
            this.deadline = deadline;
            this.granted = granted;
        }

        public String destination() {
            return destination;
        }

        /** Whether the run got a session slot; if not, its messages are deferred with {@link #refusal()}. */
        public boolean granted() {
            return granted;
        }

        public DeliveryOutcome refusal() {
            return DeliveryOutcome.temporary("4.4.5", "destination " + destination + ": "
                    + properties.connectionsPerReplica(limit) + " sessions open, the limit; retried shortly");
        }

        /**
         * Counts one message against the destination's rate, waiting while the rate allows none and
         * the run's wait has not run out.
         *
         * @return null when the message may be sent now, else the temporary outcome that defers it
         */
        public DeliveryOutcome admit() throws InterruptedException {
            if (!limit.rateLimited()) {
                return null;
            }
            Duration poll = clamp(limit.messageInterval().dividedBy(60));
            boolean waited = false;
            while (true) {
                Instant now = clock.instant();
                boolean added;
                try {
                    added = counters.tryAdd(RATE_KEY_PREFIX + destination, 1, limit.maxMessages(),
                            limit.messageInterval(), now);
                } catch (RuntimeException e) {
                    // Without the shared count the limit cannot be kept: the message waits for a retry.
                    log.warn("{}: the message rate could not be counted: {}", destination, e.toString());
                    metrics.throttled(DestinationMetrics.RATE, 1);
                    return DeliveryOutcome.temporary("4.4.5", "destination " + destination
                            + ": message rate not countable now; retried shortly");
                }
                if (added) {
                    if (waited) {
                        metrics.throttled(DestinationMetrics.RATE, 1);
                    }
                    return null;
                }
                waited = true;
                Duration left = Duration.between(now, deadline);
                if (left.isNegative() || left.isZero()) {
                    metrics.throttled(DestinationMetrics.RATE, 1);
                    return DeliveryOutcome.temporary("4.4.5", "destination " + destination + ": "
                            + limit.maxMessages() + " messages per " + limit.messageInterval()
                            + " reached; retried shortly");
                }
                Thread.sleep(left.compareTo(poll) < 0 ? left : poll);
            }
        }

        @Override
        public void close() {
            if (granted && !closed) {
                closed = true;
                release(destination);
            }
        }
    }

    private static Duration clamp(Duration poll) {
        return poll.compareTo(MIN_RATE_POLL) < 0 ? MIN_RATE_POLL : poll.compareTo(MAX_RATE_POLL) > 0 ? MAX_RATE_POLL : poll;
    }
}
