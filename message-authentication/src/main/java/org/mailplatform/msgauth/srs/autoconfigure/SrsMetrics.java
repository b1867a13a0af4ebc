package org.mailplatform.msgauth.srs.autoconfigure;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.mailplatform.msgauth.srs.SrsReversal;

/**
 * The SRS meters, registered at zero so alerts and dashboards see them before the first event
 * (Prometheus names in brackets):
 * <ul>
 *   <li>{@value #REWRITTEN}: envelope senders of forwards rewritten ({@code mail_srs_rewritten_total});</li>
 *   <li>{@value #UNREWRITABLE}: senders of forwards left as they were because SRS has no form for
 *       them: a quoted local part, or more than 64 octets ({@code mail_srs_unrewritable_total});</li>
 *   <li>{@value #REVERSED}: SRS recipients turned back into the address they stand for
 *       ({@code mail_srs_reversed_total});</li>
 *   <li>{@value #REFUSED} {@code reason=malformed|bad_hash|expired}: SRS recipients refused
 *       ({@code mail_srs_refused_total}).</li>
 * </ul>
 */
public final class SrsMetrics {

    public static final String REWRITTEN = "mail.srs.rewritten";
    public static final String UNREWRITABLE = "mail.srs.unrewritable";
    public static final String REVERSED = "mail.srs.reversed";
    public static final String REFUSED = "mail.srs.refused";

    private final Counter rewritten;
    private final Counter unrewritable;
    private final Counter reversed;
    private final Map<SrsReversal.Reason, Counter> refused = new EnumMap<>(SrsReversal.Reason.class);

    public SrsMetrics(MeterRegistry registry) {
        rewritten = Counter.builder(REWRITTEN).description("Envelope senders of forwarded mail rewritten with SRS")
                .register(registry);
        unrewritable = Counter.builder(UNREWRITABLE).description("Forwarded senders SRS has no form for, left as they were")
                .register(registry);
        reversed = Counter.builder(REVERSED).description("SRS recipients reversed to the address they stand for")
                .register(registry);
        for (SrsReversal.Reason reason : SrsReversal.Reason.values()) {
            refused.put(reason, Counter.builder(REFUSED).description("SRS recipients refused, by reason")
                    .tag("reason", reason.tag()).register(registry));
        }
    }

    public void rewritten() {
        rewritten.increment();
    }

    public void unrewritable() {
        unrewritable.increment();
    }

    public void reversed() {
        reversed.increment();
    }

    public void refused(SrsReversal.Reason reason) {
        refused.get(reason).increment();
    }
}
