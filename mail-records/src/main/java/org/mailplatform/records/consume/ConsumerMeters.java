package org.mailplatform.records.consume;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * The runtime's meters, tagged {@code consumer} (the group, or the name of a broadcast consumer)
 * and {@code topic} (Prometheus names in brackets):
 * <ul>
 *   <li>{@value #RECORDS}: records handed to the handler ({@code mail_consumer_records_total});</li>
 *   <li>{@value #BATCH}: records per batch ({@code mail_consumer_batch_size});</li>
 *   <li>{@value #LAG}: records not yet consumed on the partitions assigned to one client (tag
 *       {@code client}), measured every few seconds ({@code mail_consumer_lag});</li>
 *   <li>{@value #FAILURES} {@code outcome=retried|dead_lettered|unreadable|skipped}: records not
 *       done ({@code mail_consumer_failures_total}).</li>
 * </ul>
 * With them, where the consumer asks for it, the Kafka client's own meters ({@code kafka_consumer_*},
 * among them {@code kafka_consumer_fetch_manager_records_lag_max}, which the lag alert reads).
 */
final class ConsumerMeters implements AutoCloseable {

    static final String RECORDS = "mail.consumer.records";
    static final String BATCH = "mail.consumer.batch.size";
    static final String LAG = "mail.consumer.lag";
    static final String FAILURES = "mail.consumer.failures";

    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter records;
    private final DistributionSummary batch;
    private final List<Meter> owned = new ArrayList<>();
    private KafkaClientMetrics client;

    ConsumerMeters(MeterRegistry registry, String consumer, String topic, String clientId, ConsumerStats stats) {
        this.registry = registry;
        this.tags = Tags.of("consumer", consumer, "topic", topic);
        this.records = Counter.builder(RECORDS).description("Records handed to the consumer's handler")
                .tags(tags).register(registry);
        this.batch = DistributionSummary.builder(BATCH).description("Records per batch").tags(tags)
                .register(registry);
        owned.add(Gauge.builder(LAG, stats, ConsumerStats::lag)
                .description("Records on the assigned partitions not yet consumed")
                .tags(tags).tag("client", clientId).register(registry));
        for (String outcome : List.of("retried", "dead_lettered", "unreadable", "skipped")) {
            failure(outcome);
        }
    }

    void bind(Consumer<?, ?> consumer) {
        client = new KafkaClientMetrics(consumer);
        client.bindTo(registry);
    }

    void batch(int size) {
        records.increment(size);
        batch.record(size);
    }

    Counter failure(String outcome) {
        return Counter.builder(FAILURES).description("Records not done, by what happened to them")
                .tags(tags).tag("outcome", outcome).register(registry);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /** Removes the per-client gauge once the consumer is gone. */
    void remove() {
        close();
        owned.forEach(registry::remove);
    }
}
