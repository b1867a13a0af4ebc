package org.mailplatform.mta.inbound;

import org.mailplatform.smtp.SmtpMetrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/** Port 25 measurements: commands, accepted messages and bytes, refusals by reason. */
public final class InboundMetrics implements SmtpMetrics {

    private final MeterRegistry registry;
    private final Counter accepted;
    private final DistributionSummary bytes;

    public InboundMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("mail.mta.inbound.messages.accepted").register(registry);
        this.bytes = DistributionSummary.builder("mail.mta.inbound.message.bytes").baseUnit("bytes").register(registry);
    }

    @Override
    public void command(String verb) {
        registry.counter("mail.mta.inbound.commands", "command", verb).increment();
    }

    @Override
    public void accepted(long size) {
        accepted.increment();
        bytes.record(size);
    }

    @Override
    public void rejected(String reason) {
        registry.counter("mail.mta.inbound.messages.rejected", "reason", reason).increment();
    }
}
