package org.mailplatform.smtp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * An SMTP service's measurements under one prefix ({@code mail.msa}, {@code mail.mta.inbound}):
 * commands by verb, accepted messages and their size, refusals by reason, AUTH results, rate limiting.
 */
public final class SmtpServiceMetrics implements SmtpMetrics {

    private final MeterRegistry registry;
    private final String prefix;
    private final Counter accepted;
    private final DistributionSummary bytes;

    public SmtpServiceMetrics(MeterRegistry registry, String prefix) {
        this.registry = registry;
        this.prefix = prefix;
        this.accepted = Counter.builder(prefix + ".messages.accepted").register(registry);
        this.bytes = DistributionSummary.builder(prefix + ".message.bytes").baseUnit("bytes").register(registry);
    }

    @Override
    public void command(String verb) {
        registry.counter(prefix + ".commands", "command", verb).increment();
    }

    @Override
    public void accepted(long size) {
        accepted.increment();
        bytes.record(size);
    }

    @Override
    public void rejected(String reason) {
        registry.counter(prefix + ".messages.rejected", "reason", reason).increment();
    }

    @Override
    public void authentication(String mechanism, boolean success) {
        registry.counter(prefix + ".auth", "mechanism", mechanism, "result", success ? "success" : "failure").increment();
    }

    /**
     * Registers the rate-limit counters of these scopes at zero, so that the series exist (for alerts
     * and dashboards) before the first refusal.
     */
    public void rateLimitScopes(String... scopes) {
        for (String scope : scopes) {
            registry.counter(prefix + ".rate.limited", "scope", scope);
        }
    }

    public void rateLimited(String scope) {
        registry.counter(prefix + ".rate.limited", "scope", scope).increment();
    }
}
