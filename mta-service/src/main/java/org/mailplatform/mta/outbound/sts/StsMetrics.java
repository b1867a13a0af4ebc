package org.mailplatform.mta.outbound.sts;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * <ul>
 * <li>{@code mail.mta.sts.policy.fetches} (counter, tag {@code outcome}: fetched, fetch_error,
 *     invalid, webpki_invalid) policy fetches over HTTPS;</li>
 * <li>{@code mail.mta.sts.deliveries} (counter, tags {@code mode}: enforce, testing and
 *     {@code result}: verified, failed, mx_mismatch) sessions and hosts judged under a policy.</li>
 * </ul>
 */
public final class StsMetrics {

    private final MeterRegistry registry;

    public StsMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String outcome : new String[] {"fetched", "fetch_error", "invalid", "webpki_invalid"}) {
            fetches(outcome);
        }
    }

    void fetched(String outcome) {
        fetches(outcome).increment();
    }

    void delivery(StsMode mode, String result) {
        Counter.builder("mail.mta.sts.deliveries").tag("mode", mode.name().toLowerCase(Locale.ROOT))
                .tag("result", result).register(registry).increment();
    }

    private Counter fetches(String outcome) {
        return Counter.builder("mail.mta.sts.policy.fetches").description("MTA-STS policy fetches by outcome")
                .tag("outcome", outcome).register(registry);
    }
}
