package org.mailplatform.mta.inbound;

import org.mailplatform.msgauth.AuthenticationVerdict;
import org.mailplatform.msgauth.dkim.DkimResult;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code mail.mta.inbound.authentication.results{method,result}}: one count per SPF result, DKIM
 * signature and DMARC evaluation; {@code mail.mta.inbound.authentication.actions{action}}: what a
 * DMARC failure did to a message (reject, quarantine); {@code mail.arc.chains{result}}: one count per
 * ARC chain validation (none, pass, fail; RFC 8617 5.2).
 */
final class AuthenticationMetrics {

    private final MeterRegistry registry;

    AuthenticationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(AuthenticationVerdict verdict) {
        if (verdict.spf() != null) {
            result("spf", verdict.spf().outcome().keyword());
        }
        for (DkimResult r : verdict.dkim()) {
            result("dkim", r.outcome().keyword());
        }
        if (verdict.dmarc() != null) {
            result("dmarc", verdict.dmarc().outcome().keyword());
        }
        if (verdict.arc() != null) {
            Counter.builder("mail.arc.chains").tag("result", verdict.arc().outcome().keyword())
                    .description("ARC chains of inbound mail validated, by chain validation status")
                    .register(registry).increment();
        }
    }

    void action(String action) {
        Counter.builder("mail.mta.inbound.authentication.actions").tag("action", action)
                .description("messages a DMARC policy was applied to").register(registry).increment();
    }

    private void result(String method, String result) {
        Counter.builder("mail.mta.inbound.authentication.results").tag("method", method).tag("result", result)
                .description("inbound sender authentication results").register(registry).increment();
    }
}
