package org.mailplatform.mta.outbound;

import java.time.Duration;
import java.util.List;

import org.mailplatform.records.topics.RetryTier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailplatform.mta.outbound.*}: the outbound queue.
 *
 * @param enabled           whether this replica consumes the outbound, retry and report topics
 * @param groupId           consumer group of {@code mail.outbound}; the retry tiers use
 *                          {@code <group-id>-retry-<tier>}, reports {@code <group-id>-reports}
 * @param consumers         consumer threads per topic (at most the topic's partitions are busy)
 * @param maxPollRecords    records per poll; a batch is delivered together
 * @param maxPollInterval   longest a batch may take (SMTP timeouts are minutes long)
 * @param retryDelays       the waits of the six retry tiers (RFC 5321 4.5.4.1), in the order of
 *                          {@link RetryTier}: 1m, 5m, 15m, 30m, 1h, 2h
 * @param maxLifetime       how long after its arrival a message is tried before it is returned
 *                          (RFC 5321 4.5.4.1: at least 4-5 days)
 * @param delayWarningAfter when a delay DSN goes to senders who asked for NOTIFY=DELAY; 0: never
 */
@ConfigurationProperties(prefix = "mailplatform.mta.outbound")
public record OutboundProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("mta-outbound") String groupId,
        @DefaultValue("1") int consumers,
        @DefaultValue("20") int maxPollRecords,
        @DefaultValue("30m") Duration maxPollInterval,
        @DefaultValue({"1m", "5m", "15m", "30m", "1h", "2h"}) List<Duration> retryDelays,
        @DefaultValue("5d") Duration maxLifetime,
        @DefaultValue("4h") Duration delayWarningAfter) {

    public OutboundProperties {
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("mailplatform.mta.outbound.group-id must not be blank");
        }
        if (consumers < 1 || maxPollRecords < 1) {
            throw new IllegalArgumentException("mailplatform.mta.outbound consumers and max-poll-records must be at least 1");
        }
    }

    public RetrySchedule schedule() {
        return new RetrySchedule(retryDelays, maxLifetime, delayWarningAfter);
    }
}
