package org.mailplatform.mta.outbound.dane;

import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * DANE's meters:
 * <ul>
 * <li>{@code mail.dane.lookups} (counter, tags {@code type}: mx, address, tlsa; {@code status}:
 *     secure, insecure, bogus, failed) validated DNS lookups of the outbound side;</li>
 * <li>{@code mail.dane.deliveries} (counter, tag {@code outcome}: verified, mismatch, no-starttls,
 *     encrypted, failed) connections to MX hosts with TLSA records: {@code encrypted} where no
 *     record was usable, {@code failed} when the host could not be reached or the handshake broke
 *     for another reason;</li>
 * <li>{@code mail.dane.available} (gauge, 1 or 0) whether the last check found that the DNS
 *     servers pass DNSSEC along ({@link DnssecResolverProbe}); 0 before the first check.</li>
 * </ul>
 */
public final class DaneMetrics {

    private final MeterRegistry registry;

    public DaneMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void resolverAvailability(BooleanSupplier available) {
        Gauge.builder("mail.dane.available", available, a -> a.getAsBoolean() ? 1 : 0).strongReference(true)
                .register(registry);
    }

    void lookup(String type, DnssecStatus status) {
        Counter.builder("mail.dane.lookups").tag("type", type).tag("status", status.tag()).register(registry).increment();
    }

    void delivery(String outcome) {
        Counter.builder("mail.dane.deliveries").tag("outcome", outcome).register(registry).increment();
    }
}
