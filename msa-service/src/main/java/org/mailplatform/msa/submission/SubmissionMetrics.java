package org.mailplatform.msa.submission;

import org.mailplatform.smtp.SmtpMetrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/** Submission measurements: commands, accepted messages and bytes, rejections by reason, AUTH results. */
public final class SubmissionMetrics implements SmtpMetrics {

    private final MeterRegistry registry;
    private final Counter accepted;
    private final DistributionSummary bytes;

    public SubmissionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("mail.msa.messages.accepted").register(registry);
        this.bytes = DistributionSummary.builder("mail.msa.message.bytes").baseUnit("bytes").register(registry);
    }

    @Override
    public void command(String verb) {
        registry.counter("mail.msa.commands", "command", verb).increment();
    }

    @Override
    public void accepted(long size) {
        accepted.increment();
        bytes.record(size);
    }

    @Override
    public void rejected(String reason) {
        registry.counter("mail.msa.messages.rejected", "reason", reason).increment();
    }

    @Override
    public void authentication(String mechanism, boolean success) {
        registry.counter("mail.msa.auth", "mechanism", mechanism, "result", success ? "success" : "failure").increment();
    }

    public void rateLimited(String scope) {
        registry.counter("mail.msa.rate.limited", "scope", scope).increment();
    }
}
