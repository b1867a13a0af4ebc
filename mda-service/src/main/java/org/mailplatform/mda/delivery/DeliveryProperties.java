package org.mailplatform.mda.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the delivery consumer ({@code mailplatform.mda.delivery.*}).
 *
 * @param enabled              whether this replica consumes {@code mail.delivery} at all
 * @param groupId              Kafka consumer group; every MDA replica shares it so each record is
 *                             delivered by one of them
 * @param concurrency          consumer threads per replica (at most the topic's partitions are busy)
 * @param batchSize            most records delivered together (max.poll.records): a batch is what
 *                             one poll returns, stored in one transaction; 1 delivers record by
 *                             record, each in its own transaction with its own offset commit
 * @param batchMaxWait         how long the broker may hold a fetch back to gather a fuller batch
 *                             (fetch.max.wait.ms, with fetch.min.bytes of {@value #BYTES_PER_RECORD}
 *                             bytes per record of {@code batchSize}); 0 hands over whatever is
 *                             there at once, which keeps latency lowest
 * @param overQuotaRetryWindow how long after the message was received a full mailbox is reported
 *                             as temporary (4.2.2) before it becomes permanent (5.2.2)
 * @param ledgerRetention      how long the store remembers delivered queue ids; must outlive the
 *                             topic's retention, or a late redelivery would make a second copy
 * @param ledgerPruneInterval  how often old ledger rows are removed
 * @param reportingMta         the name in reports (RFC 3464 Reporting-MTA); defaults to
 *                             {@code mailplatform.hostname}
 */
@ConfigurationProperties("mailplatform.mda.delivery")
public record DeliveryProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("mda") String groupId,
        @DefaultValue("3") int concurrency,
        @DefaultValue("200") int batchSize,
        @DefaultValue("0ms") Duration batchMaxWait,
        @DefaultValue("1d") Duration overQuotaRetryWindow,
        @DefaultValue("14d") Duration ledgerRetention,
        @DefaultValue("1h") Duration ledgerPruneInterval,
        String reportingMta) {

    /** A small message's size, to turn {@code batchSize} into the bytes a fetch waits for. */
    public static final int BYTES_PER_RECORD = 1024;

    public DeliveryProperties {
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("mailplatform.mda.delivery.group-id must not be blank");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("mailplatform.mda.delivery.concurrency must be at least 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("mailplatform.mda.delivery.batch-size must be at least 1");
        }
        if (batchMaxWait == null || batchMaxWait.isNegative()) {
            throw new IllegalArgumentException("mailplatform.mda.delivery.batch-max-wait must not be negative");
        }
        positive(overQuotaRetryWindow, "over-quota-retry-window");
        positive(ledgerRetention, "ledger-retention");
        positive(ledgerPruneInterval, "ledger-prune-interval");
    }

    private static void positive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("mailplatform.mda.delivery." + name + " must be positive");
        }
    }
}
