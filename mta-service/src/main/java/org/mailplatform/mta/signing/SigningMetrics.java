package org.mailplatform.mta.signing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code mail.mta.dkim.signed} (counter, tags {@code domain}, {@code algorithm}): signatures made;
 * {@code mail.mta.dkim.failures} (counter, tag {@code reason}: malformed, internal): messages that
 * went out unsigned although their domain has a key; {@code mail.arc.sealed} (counter, tags
 * {@code domain}, {@code cv}): ARC sets added to forwarded mail; {@code mail.arc.seal.failures}:
 * forwards that went out unsealed because sealing failed.
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

    void arcSealed(String domain, String cv) {
        Counter.builder("mail.arc.sealed").tag("domain", domain).tag("cv", cv)
                .description("ARC sets added to forwarded messages").register(registry).increment();
    }

    void arcFailed() {
        Counter.builder("mail.arc.seal.failures")
                .description("forwarded messages that went out without an ARC set because sealing failed")
                .register(registry).increment();
    }

    void failed(String reason) {
        Counter.builder("mail.mta.dkim.failures").tag("reason", reason)
                .description("outgoing messages that could not be DKIM-signed").register(registry).increment();
    }
}
