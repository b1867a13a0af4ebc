package org.mailplatform.mta.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.mailplatform.mta.client.SmtpClientListener;
import org.mailplatform.mta.dsn.DeliveryStatusNotice;
import org.mailplatform.mta.dsn.DsnListener;
import org.mailplatform.records.consume.ConsumerStats;

/**
 * The outbound side's meters:
 * <ul>
 * <li>{@code mail.mta.delivery.attempts} (counter, tag {@code result}: delivered, relayed, deferred,
 *     bounced, expired, throttled) per remote recipient and attempt;</li>
 * <li>{@code mail.mta.local.handoffs} (counter) recipients handed to {@code mail.delivery};</li>
 * <li>{@code mail.mta.dsn} (counter, tag {@code type}: failure, delay, success) DSNs sent, and
 *     {@code mail.mta.bounces} (counter) those reporting a failure;</li>
 * <li>{@code mail.mta.outbound.connections} (counter, tag {@code result}: success, failure) and
 *     {@code mail.mta.outbound.tls} (counter, tag {@code result}: established, failed, not_offered,
 *     refused);</li>
 * <li>{@code mail.mta.queue.depth} (gauge, tag {@code topic}) records not yet consumed, from the
 *     consumers' lag on their assigned partitions;</li>
 * <li>{@code mail.mta.queue.oldest.age} (gauge, seconds) age of the oldest message this replica
 *     holds: being delivered, or waiting at the head of a retry partition.</li>
 * </ul>
 */
public final class OutboundMetrics implements SmtpClientListener, DsnListener {

    private final MeterRegistry registry;
    private final Clock clock;
    private final List<ConsumerStats> workers = new CopyOnWriteArrayList<>();

    public OutboundMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        Gauge.builder("mail.mta.queue.oldest.age", this, OutboundMetrics::oldestAgeSeconds)
                .description("age of the oldest message held by the outbound queue")
                .baseUnit("seconds")
                .register(registry);
    }

    public void attempt(String result) {
        Counter.builder("mail.mta.delivery.attempts").tag("result", result).register(registry).increment();
    }

    public void localHandoff(int recipients) {
        Counter.builder("mail.mta.local.handoffs").register(registry).increment(recipients);
    }

    @Override
    public void connected(boolean success) {
        Counter.builder("mail.mta.outbound.connections").tag("result", success ? "success" : "failure")
                .register(registry).increment();
    }

    @Override
    public void tls(String outcome) {
        Counter.builder("mail.mta.outbound.tls").tag("result", outcome).register(registry).increment();
    }

    @Override
    public void sent(DeliveryStatusNotice notice) {
        String type = notice.reportsFailure() ? "failure" : notice.reportsDelay() ? "delay" : "success";
        Counter.builder("mail.mta.dsn").tag("type", type).register(registry).increment();
        if (notice.reportsFailure()) {
            Counter.builder("mail.mta.bounces").register(registry).increment();
        }
    }

    /** Registers a consumer's statistics; the depth gauge of its topic sums all of the topic's consumers. */
    void register(ConsumerStats stats) {
        workers.add(stats);
        Gauge.builder("mail.mta.queue.depth", this, m -> m.depth(stats.topic()))
                .description("records on the topic not yet consumed by the outbound queue")
                .tag("topic", stats.topic())
                .register(registry);
    }

    void unregister(ConsumerStats stats) {
        workers.remove(stats);
    }

    private double depth(String topic) {
        return workers.stream().filter(w -> w.topic().equals(topic)).mapToLong(ConsumerStats::lag).sum();
    }

    private double oldestAgeSeconds() {
        Instant now = clock.instant();
        return workers.stream().map(ConsumerStats::oldestReceivedAt).filter(Objects::nonNull)
                .map(at -> Duration.between(at, now)).max(Duration::compareTo)
                .map(d -> d.toMillis() / 1000.0).orElse(0.0);
    }
}
