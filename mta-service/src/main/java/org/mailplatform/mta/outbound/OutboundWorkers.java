package org.mailplatform.mta.outbound;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.mailplatform.records.tracing.MailTracing;
import org.mailplatform.records.DeliveryReport;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.codec.DeliveryReportCodec;
import org.mailplatform.records.codec.MailRecordCodec;
import org.mailplatform.records.publish.DeadLetterPublisher;
import org.mailplatform.records.publish.PublishException;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.records.topics.RetryTier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The consumers of the outbound side as one lifecycle: {@code mail.outbound}, each retry tier on
 * its own consumer (so a long wait on one tier never delays another), and
 * {@code mail.delivery.reports}. They start once the context is up and stop before the Kafka
 * producer and the database go away.
 */
public final class OutboundWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboundWorkers.class);

    private final OutboundProperties properties;
    private final Map<String, Object> consumerBase;
    private final OutboundProcessor processor;
    private final ReportProcessor reports;
    private final RetrySchedule schedule;
    private final DeadLetterPublisher deadLetters;
    private final OutboundMetrics metrics;
    private final MailTracing tracing;
    private final Clock clock;
    private final List<QueueWorker<?>> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param consumerBase client settings for every consumer (bootstrap servers, security, fetch sizes)
     */
    public OutboundWorkers(OutboundProperties properties, Map<String, Object> consumerBase, OutboundProcessor processor,
                           ReportProcessor reports, DeadLetterPublisher deadLetters, OutboundMetrics metrics, Clock clock,
                           MailTracing tracing) {
        this.tracing = tracing;
        this.properties = properties;
        this.consumerBase = Map.copyOf(consumerBase);
        this.processor = processor;
        this.reports = reports;
        this.schedule = properties.schedule();
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        for (int i = 0; i < properties.consumers(); i++) {
            add(mailWorker("mta-outbound-" + i, MailTopics.OUTBOUND, properties.groupId(), null));
            for (RetryTier tier : RetryTier.values()) {
                add(mailWorker("mta-" + tier.topic() + "-" + i, tier.topic(),
                        properties.groupId() + "-retry-" + tier.topic().substring(tier.topic().lastIndexOf('.') + 1), tier));
            }
            add(reportWorker("mta-reports-" + i));
        }
        for (QueueWorker<?> worker : workers) {
            metrics.register(worker.stats());
            Thread thread = Thread.ofPlatform().name(worker.name()).daemon(false).start(worker);
            threads.add(thread);
        }
        running = true;
        log.info("outbound queue started: {} consumers", workers.size());
    }

    @Override
    public synchronized void stop() {
        workers.forEach(QueueWorker::stop);
        for (Thread thread : threads) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        workers.forEach(w -> metrics.unregister(w.stats()));
        workers.clear();
        threads.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A late phase: the Kafka producer and the database, which the consumers use, start before and stop after it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }

    private void add(QueueWorker<?> worker) {
        workers.add(worker);
    }

    private QueueWorker<QueuedMessage> mailWorker(String name, String topic, String group, RetryTier tier) {
        QueueWorker.Schedule<QueuedMessage> due = tier == null ? arrivalOnly() : new QueueWorker.Schedule<>() {
            @Override
            public Instant dueAt(QueueWorker.Item<QueuedMessage> item) {
                MailEnvelope envelope = item.value().record().envelope();
                // A record without nextAttemptAt waits its tier's delay from when it was written.
                return envelope.nextAttemptAt() != null ? envelope.nextAttemptAt()
                        : Instant.ofEpochMilli(item.raw().timestamp()).plus(schedule.delay(tier));
            }

            @Override
            public Instant receivedAt(QueueWorker.Item<QueuedMessage> item) {
                return item.value().record().envelope().receivedAt();
            }
        };
        return new QueueWorker<>(name, topic, consumerConfig(name, group),
                raw -> new QueuedMessage(MailRecordCodec.decode(raw.value()), RetryPublisher.delayWarned(raw.headers()),
                        tracing.carrier(raw.headers())),
                items -> processor.process(items.stream().map(QueueWorker.Item::value).toList()),
                due, deadLetters, clock);
    }

    private static QueueWorker.Schedule<QueuedMessage> arrivalOnly() {
        return new QueueWorker.Schedule<>() {
            @Override
            public Instant dueAt(QueueWorker.Item<QueuedMessage> item) {
                return null;
            }

            @Override
            public Instant receivedAt(QueueWorker.Item<QueuedMessage> item) {
                return item.value().record().envelope().receivedAt();
            }
        };
    }

    private QueueWorker<DeliveryReport> reportWorker(String name) {
        return new QueueWorker<>(name, MailTopics.DELIVERY_REPORTS, consumerConfig(name, properties.groupId() + "-reports"),
                raw -> DeliveryReportCodec.decode(raw.value()),
                items -> {
                    List<Exception> failures = new ArrayList<>();
                    for (QueueWorker.Item<DeliveryReport> item : items) {
                        try {
                            reports.process(item.value());
                            failures.add(null);
                        } catch (PublishException | RuntimeException e) {
                            failures.add(e);
                        }
                    }
                    return failures;
                },
                null, deadLetters, clock);
    }

    private Map<String, Object> consumerConfig(String clientId, String group) {
        Map<String, Object> config = new HashMap<>(consumerBase);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        // Offsets are committed by hand after the outcome of each record is safely published.
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new group must start at the oldest queued mail, never skip it.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords());
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) properties.maxPollInterval().toMillis());
        return config;
    }
}
