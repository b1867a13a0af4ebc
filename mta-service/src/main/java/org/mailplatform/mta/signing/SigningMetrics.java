package org.mailplatform.mta.signing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code mail.mta.dkim.signed} (counter, tags {@code domain}, {@code algorithm}): signatures made;
 * {@code mail.mta.dkim.failures} (counter, tag {@code reason}: malformed, internal): messages that
 * went out unsigned although their domain has a key.
 */
public final class SigningMetrics {

    private final MeterRegistry registry;

    public SigningMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void signed(String domain, String algorithm) {
        Counter.builder("mail.mta.dkim.signed").tag("domain", domain).tag("algorithm", algorithm)
                .description("DKIM signatures added to outgoing messages").register(registry).increment();
    }

    void failed(String reason) {
        Counter.builder("mail.mta.dkim.failures").tag("reason", reason)
                .description("outgoing messages that could not be DKIM-signed").register(registry).increment();
    }
}
