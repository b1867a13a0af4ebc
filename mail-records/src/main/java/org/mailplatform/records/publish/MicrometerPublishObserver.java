package org.mailplatform.records.publish;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Records publish latency as the timer {@value #METRIC} with tags {@code topic} and
 * {@code outcome} (acknowledged / failed); Prometheus shows it as {@code mail_kafka_publish_seconds}.
 */
public final class MicrometerPublishObserver implements PublishObserver {

    public static final String METRIC = "mail.kafka.publish";

    private final MeterRegistry registry;

    public MicrometerPublishObserver(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void published(String topic, Duration elapsed, boolean acknowledged) {
        Timer.builder(METRIC)
                .description("Time from send to the broker's acknowledgement of a record")
                .tag("topic", topic)
                .tag("outcome", acknowledged ? "acknowledged" : "failed")
                .publishPercentileHistogram()
                .register(registry)
                .record(elapsed);
    }
}
