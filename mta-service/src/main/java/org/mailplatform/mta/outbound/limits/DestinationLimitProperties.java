package org.mailplatform.mta.outbound.limits;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * {@code mailplatform.mta.outbound.destinations.*}: limits per destination (a recipient domain for MX
 * delivery, the host name of a transport or smart host).
 *
 * @param defaults  {@code destinations.default.*}: the limits of every destination without an override
 * @param overrides {@code destinations.overrides[gmail.com].*}: per destination; a field left out
 *                  takes the default's value
 * @param replicas  MTA replicas that deliver at once: each replica allows {@code max-connections /
 *                  replicas} sessions (at least one), so the whole service stays near the limit
 * @param maxWait   how long one delivery run waits for a session slot or for the rate to allow a
 *                  message before the rest of its messages are deferred to the first retry tier
 */
@ConfigurationProperties(prefix = "mailplatform.mta.outbound.destinations")
public record DestinationLimitProperties(
        @Name("default") @DefaultValue Limit defaults,
        Map<String, LimitOverride> overrides,
        @DefaultValue("1") int replicas,
        @DefaultValue("30s") Duration maxWait) {

    public DestinationLimitProperties {
        Map<String, LimitOverride> byName = new HashMap<>();
        if (overrides != null) {
            overrides.forEach((name, override) -> byName.put(name.toLowerCase(Locale.ROOT), override));
        }
        overrides = Map.copyOf(byName);
        if (replicas < 1) {
            throw new IllegalArgumentException("mailplatform.mta.outbound.destinations.replicas must be at least 1");
        }
        if (maxWait == null || maxWait.isNegative()) {
            throw new IllegalArgumentException("mailplatform.mta.outbound.destinations.max-wait must not be negative");
        }
        overrides.forEach((name, override) -> defaults.with(override));
    }

    /**
     * The limits of one destination.
     *
     * @param maxConnections  simultaneous SMTP sessions to it for the whole service (Postfix's
     *                        {@code default_destination_concurrency_limit}, 20)
     * @param maxMessages     messages per {@code messageInterval}; 0: no rate limit
     * @param messageInterval the rolling window {@code maxMessages} counts over
     */
    public record Limit(
            @DefaultValue("20") int maxConnections,
            @DefaultValue("0") int maxMessages,
            @DefaultValue("1m") Duration messageInterval) {

        public Limit {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("max-connections must be at least 1: " + maxConnections);
            }
            if (maxMessages < 0) {
                throw new IllegalArgumentException("max-messages must not be negative: " + maxMessages);
            }
            if (messageInterval == null || messageInterval.isNegative() || messageInterval.isZero()) {
                throw new IllegalArgumentException("message-interval must be positive: " + messageInterval);
            }
        }

        public boolean rateLimited() {
            return maxMessages > 0;
        }

        Limit with(LimitOverride override) {
            return new Limit(
                    override.maxConnections() != null ? override.maxConnections() : maxConnections,
                    override.maxMessages() != null ? override.maxMessages() : maxMessages,
                    override.messageInterval() != null ? override.messageInterval() : messageInterval);
        }
    }

    /** The fields of {@link Limit} one destination sets for itself; null ones are the default's. */
    public record LimitOverride(Integer maxConnections, Integer maxMessages, Duration messageInterval) {
    }

    /** The limits that apply to {@code destination} (a lower-case domain or host name). */
    public Limit limitFor(String destination) {
        LimitOverride override = overrides.get(destination);
        return override == null ? defaults : defaults.with(override);
    }

    /** Session slots of one replica: its share of the service's limit, at least one. */
    public int connectionsPerReplica(Limit limit) {
        return Math.max(1, limit.maxConnections() / replicas);
    }
}
