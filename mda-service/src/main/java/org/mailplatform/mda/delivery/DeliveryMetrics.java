package org.mailplatform.mda.delivery;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The delivery meters (Prometheus names in brackets):
 * <ul>
 *   <li>{@value #DELIVERIES} {@code result=delivered|duplicate|forwarded|failed}: one per copy,
 *       forward or failed recipient ({@code mail_mda_deliveries_total});</li>
 *   <li>{@value #FAILURES} {@code reason=}{@link FailureReason#tag()}, {@code undecodable} or
 *       {@code dead_lettered} ({@code mail_mda_delivery_failures_total});</li>
 *   <li>{@value #LATENCY}: from the Kafka record's timestamp to the store commit, with a histogram
 *       ({@code mail_mda_delivery_latency_seconds});</li>
 *   <li>{@value #BYTES}: size of each message stored ({@code mail_mda_delivery_bytes});</li>
 *   <li>{@value #JUNK}: copies filed into a {@code \Junk} mailbox because the envelope asked for it
 *       ({@code mail_mda_junk_filed_total}).</li>
 * </ul>
 */
public final class DeliveryMetrics {

    public static final String DELIVERIES = "mail.mda.deliveries";
    public static final String FAILURES = "mail.mda.delivery.failures";
    public static final String LATENCY = "mail.mda.delivery.latency";
    public static final String BYTES = "mail.mda.delivery.bytes";
    public static final String JUNK = "mail.mda.junk.filed";

    private final MeterRegistry registry;
    private final Timer latency;
    private final DistributionSummary bytes;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder(LATENCY)
                .description("Time from the record's arrival on mail.delivery to the committed delivery")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
        this.bytes = DistributionSummary.builder(BYTES)
                .description("Size of each message stored")
                .baseUnit("bytes")
                .register(registry);
    }

    public void delivered() {
        deliveries("delivered").increment();
    }

    /** A copy an earlier delivery of the same record already made. */
    public void duplicate() {
        deliveries("duplicate").increment();
    }

    public void forwarded(int count) {
        deliveries("forwarded").increment(count);
    }

    /** A recipient (or, for a full or vanished mailbox, an account) that got no copy. */
    public void failed(FailureReason reason) {
        deliveries("failed").increment();
        failure(reason.tag()).increment();
    }

    public void filedAsJunk() {
        Counter.builder(JUNK).description("Copies filed into the recipient's junk mailbox").register(registry).increment();
    }

    public void undecodable() {
        failure("undecodable").increment();
    }

    public void deadLettered() {
        failure("dead_lettered").increment();
    }

    public void committed(Instant recordTimestamp, Instant now) {
        Duration elapsed = Duration.between(recordTimestamp, now);
        latency.record(elapsed.isNegative() ? Duration.ZERO : elapsed);
    }

    public void stored(long messageBytes) {
        bytes.record(messageBytes);
    }

    private Counter deliveries(String result) {
        return Counter.builder(DELIVERIES).description("Recipients handled, by result")
                .tag("result", result).register(registry);
    }

    private Counter failure(String reason) {
        return Counter.builder(FAILURES).description("Recipients or records not delivered, by reason")
                .tag("reason", reason).register(registry);
    }
}
