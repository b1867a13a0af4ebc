package org.mailplatform.mta.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.mailplatform.records.DeliveryReport;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.codec.DeliveryReportCodec;
import org.mailplatform.records.codec.MailRecordCodec;
import org.mailplatform.records.consume.BatchHandler;
import org.mailplatform.records.consume.Consumed;
import org.mailplatform.records.consume.DueSchedule;
import org.mailplatform.records.consume.MailConsumer;
import org.mailplatform.records.consume.MailConsumerSettings;
import org.mailplatform.records.consume.RetryPolicy;
import org.mailplatform.records.publish.DeadLetterPublisher;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.records.topics.RetryTier;
import org.mailplatform.records.tracing.MailTracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The consumers of the outbound side as one lifecycle: {@code mail.outbound}, each retry tier on
 * its own consumer (so a long wait on one tier never delays another), and
 * {@code mail.delivery.reports}. All of them are consumers of the platform's runtime
 * ({@link MailConsumer}): a record of a retry tier that is not due holds its partition until it
 * is, a record whose outcome could not be published is tried again after a growing pause of its
 * partition (never dead-lettered: the failure is the platform's, not the record's), and an
 * unreadable record is parked on the dead-letter topic. They start once the context is up and
 * stop before the Kafka producer and the database go away.
 */
public final class OutboundWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboundWorkers.class);

    /** A failing partition waits 1 s, then twice as long each time, up to a minute. */
    static final RetryPolicy RETRY = RetryPolicy.forever(Duration.ofSeconds(1), Duration.ofMinutes(1));

    private final OutboundProperties properties;
    private final MailConsumerSettings settings;
    private final OutboundProcessor processor;
    private final ReportProcessor reports;
    private final RetrySchedule schedule;
    private final DeadLetterPublisher deadLetters;
    private final OutboundMetrics metrics;
    private final MailTracing tracing;
    private final MeterRegistry meters;
    private final Clock clock;
    private final List<MailConsumer<?>> consumers = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param settings client settings for every consumer (bootstrap servers, security, fetch sizes)
     */
    public OutboundWorkers(OutboundProperties properties, MailConsumerSettings settings, OutboundProcessor processor,
                           ReportProcessor reports, DeadLetterPublisher deadLetters, OutboundMetrics metrics, Clock clock,
                           MailTracing tracing, MeterRegistry meters) {
        this.tracing = tracing;
        this.properties = properties;
        this.settings = settings;
        this.processor = processor;
        this.reports = reports;
        this.schedule = properties.schedule();
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        for (int i = 0; i < properties.consumers(); i++) {
            consumers.add(mailConsumer("mta-outbound-" + i, MailTopics.OUTBOUND, properties.groupId(), null));
            for (RetryTier tier : RetryTier.values()) {
                consumers.add(mailConsumer("mta-" + tier.topic() + "-" + i, tier.topic(),
                        properties.groupId() + "-retry-" + tier.topic().substring(tier.topic().lastIndexOf('.') + 1), tier));
            }
            consumers.add(reportConsumer("mta-reports-" + i));
        }
        for (MailConsumer<?> consumer : consumers) {
            metrics.register(consumer.stats());
            consumer.start();
        }
        running = true;
        log.info("outbound queue started: {} consumers", consumers.size());
    }

    @Override
    public synchronized void stop() {
        consumers.forEach(MailConsumer::requestStop);
        consumers.forEach(MailConsumer::stop);
        consumers.forEach(c -> metrics.unregister(c.stats()));
        consumers.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A late phase: the Kafka producer and the database, which the consumers use, start before and stop after it. */
    @Override
    public int getPhase() {
        return org.mailplatform.records.consume.MailConsumers.PHASE;
    }

    private MailConsumer<QueuedMessage> mailConsumer(String name, String topic, String group, RetryTier tier) {
        DueSchedule<QueuedMessage> due = tier == null ? arrivalOnly() : new DueSchedule<>() {
            @Override
            public Instant dueAt(Consumed<QueuedMessage> item) {
                MailEnvelope envelope = item.value().record().envelope();
                // A record without nextAttemptAt waits its tier's delay from when it was written.
                return envelope.nextAttemptAt() != null ? envelope.nextAttemptAt()
                        : Instant.ofEpochMilli(item.raw().timestamp()).plus(schedule.delay(tier));
            }

            @Override
            public Instant receivedAt(Consumed<QueuedMessage> item) {
                return item.value().record().envelope().receivedAt();
            }
        };
        return consumer(MailConsumer.<QueuedMessage>group(name, topic, group, settings))
                .decoder(raw -> new QueuedMessage(MailRecordCodec.decode(raw.value()),
                        RetryPublisher.delayWarned(raw.headers()), tracing.carrier(raw.headers())))
                .handler(items -> processor.process(items.stream().map(Consumed::value).toList()))
                .schedule(due)
                .build();
    }

    private static DueSchedule<QueuedMessage> arrivalOnly() {
        return new DueSchedule<>() {
            @Override
            public Instant dueAt(Consumed<QueuedMessage> item) {
                return null;
            }

            @Override
            public Instant receivedAt(Consumed<QueuedMessage> item) {
                return item.value().record().envelope().receivedAt();
            }
        };
    }

    private MailConsumer<DeliveryReport> reportConsumer(String name) {
        return consumer(MailConsumer.<DeliveryReport>group(name, MailTopics.DELIVERY_REPORTS, properties.groupId() + "-reports",
                        settings))
                .decoder(raw -> DeliveryReportCodec.decode(raw.value()))
                .handler(BatchHandler.perRecord(item -> reports.process(item.value())))
                .build();
    }

    /** What every outbound consumer shares: batch size, the long poll interval SMTP needs, retries, meters. */
    private <T> MailConsumer.Builder<T> consumer(MailConsumer.Builder<T> builder) {
        return builder.maxPollRecords(properties.maxPollRecords())
                .maxPollInterval(properties.maxPollInterval())
                .retry(RETRY)
                .deadLetters(deadLetters)
                .clock(clock)
                .meters(meters);
    }
}
