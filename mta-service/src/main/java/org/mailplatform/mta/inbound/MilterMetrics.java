package org.mailplatform.mta.inbound;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.mailplatform.mta.milter.MilterObserver;

/**
 * Milter meters: {@value #VERDICTS} {@code milter, action} times each milter's conversation and
 * counts its verdicts ({@code mail_mta_milter_seconds_count{action="reject"}}); {@value #JUNK}
 * counts messages the milters sent to the Junk mailbox; {@value #ENVELOPE} {@code action} counts the
 * envelope changes applied ({@code add_recipient}, {@code delete_recipient}, {@code change_sender})
 * and refused ({@code ..._refused}), and {@code dropped} for messages left with no recipient.
 */
public final class MilterMetrics implements MilterObserver {

    public static final String VERDICTS = "mail.mta.milter";
    public static final String JUNK = "mail.mta.milter.junk";
    public static final String ENVELOPE = "mail.mta.milter.envelope";

    private final MeterRegistry registry;

    public MilterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void verdict(String milter, String action, Duration elapsed) {
        Timer.builder(VERDICTS)
                .description("Milter conversations by milter and verdict (accept, continue, reject, tempfail, discard, quarantine, failed)")
                .tag("milter", milter)
                .tag("action", action)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry)
                .record(elapsed);
    }

    public void envelope(String action) {
        Counter.builder(ENVELOPE).description("Milter envelope changes by action").tag("action", action)
                .register(registry).increment();
    }

    public void junk() {
        Counter.builder(JUNK).description("Messages filed as junk on a milter's verdict").register(registry).increment();
    }
}
