package org.mailplatform.kernel.netty;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Locale;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.mailplatform.kernel.LimitExceeded;

/**
 * The meters of one listener, all tagged {@code protocol} and {@code listener}:
 * {@code mail.kernel.connections.active} (gauge), {@code mail.kernel.connections} (accepted),
 * {@code mail.kernel.connections.rejected} ({@code reason=per_address|global|proxy_header}),
 * {@code mail.kernel.tls.handshakes} ({@code mode=implicit|starttls}, {@code result=success|failure}),
 * {@code mail.kernel.starttls.discarded} (connections that sent input behind STARTTLS),
 * {@code mail.kernel.limits.exceeded} ({@code limit=line_too_long|line_too_slow|payload_too_slow|deadline|write_timeout}),
 * {@code mail.kernel.output.queued} (gauge: output bytes waiting for the listener's clients) and
 * {@code mail.kernel.session.errors} (callbacks that threw).
 */
final class ListenerMetrics {

    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final AtomicInteger active = new AtomicInteger();
    private final Counter accepted;
    private final Counter rejectedPerAddress;
    private final Counter rejectedGlobal;
    private final Counter rejectedProxyHeader;
    private final Counter implicitSuccess;
    private final Counter implicitFailure;
    private final Counter startTlsSuccess;
    private final Counter startTlsFailure;
    private final Counter startTlsDiscarded;
    private final Counter sessionErrors;
    private final Counter writeTimeouts;
    private final Tags tags;
    private final EnumMap<LimitExceeded, Counter> limitsExceeded = new EnumMap<>(LimitExceeded.class);

    ListenerMetrics(MeterRegistry registry, String protocol, String listener) {
        this.registry = registry;
        Tags tags = Tags.of("protocol", protocol, "listener", listener);
        this.tags = tags;
        meters.add(Gauge.builder("mail.kernel.connections.active", active, AtomicInteger::get)
                .description("open connections").tags(tags).register(registry));
        accepted = counter("mail.kernel.connections", tags);
        rejectedPerAddress = counter("mail.kernel.connections.rejected", tags.and("reason", "per_address"));
        rejectedGlobal = counter("mail.kernel.connections.rejected", tags.and("reason", "global"));
        rejectedProxyHeader = counter("mail.kernel.connections.rejected", tags.and("reason", "proxy_header"));
        implicitSuccess = counter("mail.kernel.tls.handshakes", tags.and("mode", "implicit", "result", "success"));
        implicitFailure = counter("mail.kernel.tls.handshakes", tags.and("mode", "implicit", "result", "failure"));
        startTlsSuccess = counter("mail.kernel.tls.handshakes", tags.and("mode", "starttls", "result", "success"));
        startTlsFailure = counter("mail.kernel.tls.handshakes", tags.and("mode", "starttls", "result", "failure"));
        startTlsDiscarded = counter("mail.kernel.starttls.discarded", tags);
        sessionErrors = counter("mail.kernel.session.errors", tags);
        writeTimeouts = counter("mail.kernel.limits.exceeded", tags.and("limit", "write_timeout"));
        for (LimitExceeded limit : LimitExceeded.values()) {
            limitsExceeded.put(limit, counter("mail.kernel.limits.exceeded", tags.and("limit", limit.name().toLowerCase(Locale.ROOT))));
        }
    }

    void opened() {
        active.incrementAndGet();
        accepted.increment();
    }

    void closed() {
        active.decrementAndGet();
    }

    void rejectedPerAddress() {
        rejectedPerAddress.increment();
    }

    void rejectedGlobal() {
        rejectedGlobal.increment();
    }

    void rejectedProxyHeader() {
        rejectedProxyHeader.increment();
    }

    void handshake(boolean implicit, boolean success) {
        (implicit ? (success ? implicitSuccess : implicitFailure) : (success ? startTlsSuccess : startTlsFailure)).increment();
    }

    void startTlsDiscarded() {
        startTlsDiscarded.increment();
    }

    void limitExceeded(LimitExceeded limit) {
        limitsExceeded.get(limit).increment();
    }

    void queuedOutput(Supplier<Number> bytes) {
        meters.add(Gauge.builder("mail.kernel.output.queued", bytes).description("output bytes waiting for clients to read them")
                .baseUnit("bytes").tags(tags).register(registry));
    }

    void writeTimeout() {
        writeTimeouts.increment();
    }

    void sessionError() {
        sessionErrors.increment();
    }

    void remove() {
        meters.forEach(registry::remove);
    }

    private Counter counter(String name, Tags tags) {
        Counter counter = Counter.builder(name).tags(tags).register(registry);
        meters.add(counter);
        return counter;
    }
}
