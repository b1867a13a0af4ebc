package org.mailplatform.records.tracing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Spans through Micrometer Tracing (the OpenTelemetry bridge in the services); the context goes
 * into record headers through the service's propagator, which writes W3C {@code traceparent}.
 */
public final class MicrometerMailTracing implements MailTracing {

    private final Tracer tracer;
    private final Propagator propagator;

    public MicrometerMailTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public MailSpan receive(String name, Instant startedAt) {
        Span.Builder builder = tracer.spanBuilder().name(name).kind(Span.Kind.SERVER);
        Span current = tracer.currentSpan();
        if (current != null) {
            builder.setParent(current.context());
        }
        return new TracedSpan(startAt(builder, startedAt));
    }

    @Override
    public MailSpan consume(String name, Map<String, String> carrier) {
        Span.Builder builder = propagator.extract(carrier, Map::get).name(name).kind(Span.Kind.CONSUMER);
        return new TracedSpan(builder.start());
    }

    @Override
    public MailSpan call(MailSpan parent, String name, Instant startedAt) {
        Span.Builder builder = tracer.spanBuilder().name(name).kind(Span.Kind.CLIENT);
        if (parent instanceof TracedSpan traced) {
            builder.setParent(traced.span.context());
        }
        return new TracedSpan(startAt(builder, startedAt));
    }

    @Override
    public Map<String, String> carrier(Headers headers) {
        Map<String, String> carrier = new LinkedHashMap<>();
        for (String field : propagator.fields()) {
            Header header = headers.lastHeader(field);
            if (header != null && header.value() != null) {
                carrier.put(field, new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return carrier;
    }

    @Override
    public void inject(Headers headers) {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return;
        }
        propagator.inject(context, headers, (h, key, value) -> {
            h.remove(key);
            h.add(key, value.getBytes(StandardCharsets.UTF_8));
        });
    }

    private static Span startAt(Span.Builder builder, Instant startedAt) {
        if (startedAt != null) {
            builder.startTimestamp(startedAt.getEpochSecond() * 1_000_000 + startedAt.getNano() / 1_000,
                    TimeUnit.MICROSECONDS);
        }
        return builder.start();
    }

    private final class TracedSpan implements MailSpan {

        private final Span span;

        TracedSpan(Span span) {
            this.span = span;
        }

        @Override
        public MailSpan tag(String key, String value) {
            if (value != null) {
                span.tag(key, value);
            }
            return this;
        }

        @Override
        public MailSpan tagMessageId(byte[] message) {
            return tag(MESSAGE_ID, MessageIdField.of(message));
        }

        @Override
        public void error(Throwable cause) {
            span.error(cause);
        }

        @Override
        public MailScope inScope() {
            Tracer.SpanInScope scope = tracer.withSpan(span);
            return scope::close;
        }

        @Override
        public void end() {
            span.end();
        }
    }
}
