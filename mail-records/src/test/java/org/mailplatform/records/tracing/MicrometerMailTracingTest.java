package org.mailplatform.records.tracing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Spans and W3C context in record headers, through the real OpenTelemetry SDK and Micrometer's bridge. */
class MicrometerMailTracingTest {

    private final List<SpanData> exported = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new Collecting())).build();
    private final ContextPropagators propagators = ContextPropagators.create(W3CTraceContextPropagator.getInstance());
    private final io.opentelemetry.api.trace.Tracer otelTracer = provider.get("test");
    private final OtelTracer tracer = new OtelTracer(otelTracer, new OtelCurrentTraceContext(), event -> {
    });
    private final MailTracing tracing = new MicrometerMailTracing(tracer, new OtelPropagator(propagators, otelTracer));

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aRecordPublishedInsideASpanCarriesItsContextAndTheConsumerContinuesTheTrace() {
        Instant mailAt = Instant.parse("2026-12-07T10:00:00.123456Z");
        RecordHeaders headers = new RecordHeaders();
        MailSpan receive = tracing.receive("smtp.receive", mailAt).tag(MailSpan.QUEUE_ID, "Q1").tag("mail.absent", null)
                .tagMessageId("Subject: s\r\nMessage-ID: <m1@example.test>\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII));
        try (MailSpan.MailScope scope = receive.inScope()) {
            tracing.inject(headers);
        } finally {
            receive.end();
        }
        assertThat(headers.lastHeader("traceparent")).isNotNull();

        MailSpan consume = tracing.consume("mda.store", headers);
        consume.end();

        SpanData first = named("smtp.receive");
        SpanData second = named("mda.store");
        assertThat(new String(headers.lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .isEqualTo("00-" + first.getTraceId() + "-" + first.getSpanId() + "-01");
        assertThat(second.getTraceId()).isEqualTo(first.getTraceId());
        assertThat(second.getParentSpanId()).isEqualTo(first.getSpanId());
        assertThat(first.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(second.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(first.getStartEpochNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(mailAt.getEpochSecond()) + 123_456_000);
        assertThat(first.getAttributes().asMap().toString()).contains("mail.queue_id=Q1", "mail.message_id=<m1@example.test>")
                .doesNotContain("mail.absent");
    }

    @Test
    void aCarrierKeptAsAMapContinuesTheTraceLaterAndACallIsAChildOfItsParent() {
        RecordHeaders headers = new RecordHeaders();
        MailSpan root = tracing.receive("smtp.receive", null);
        try (MailSpan.MailScope scope = root.inScope()) {
            tracing.inject(headers);
        }
        root.end();
        headers.add("mail-queue-id", "Q2".getBytes(StandardCharsets.UTF_8));

        Map<String, String> carrier = tracing.carrier(headers);
        assertThat(carrier).containsOnlyKeys("traceparent");

        MailSpan round = tracing.consume("mta.route", carrier);
        MailSpan attempt = tracing.call(round, "mta.deliver", Instant.now());
        attempt.error(new IllegalStateException("refused"));
        attempt.end();
        round.end();

        assertThat(named("mta.deliver").getParentSpanId()).isEqualTo(named("mta.route").getSpanId());
        assertThat(named("mta.deliver").getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(named("mta.deliver").getStatus().getStatusCode().name()).isEqualTo("ERROR");
        assertThat(named("mta.route").getTraceId()).isEqualTo(named("smtp.receive").getTraceId());
    }

    @Test
    void aRecordWithoutContextStartsANewTraceAndNothingIsInjectedOutsideASpan() {
        RecordHeaders headers = new RecordHeaders();
        tracing.inject(headers);
        assertThat(headers.toArray()).isEmpty();

        tracing.consume("imap.push", headers).end();
        assertThat(named("imap.push").getParentSpanContext().isValid()).isFalse();
    }

    @Test
    void aNewReceiveInsideAConsumedSpanIsItsChild() {
        MailSpan outer = tracing.consume("mda.store", Map.of());
        try (MailSpan.MailScope scope = outer.inScope()) {
            tracing.receive("smtp.receive", null).end();
        }
        outer.end();
        assertThat(named("smtp.receive").getParentSpanId()).isEqualTo(named("mda.store").getSpanId());
    }

    @Test
    void offDoesNothing() {
        RecordHeaders headers = new RecordHeaders();
        // A message that would throw if it were scanned: off never looks at it.
        MailSpan span = MailTracing.OFF.receive("smtp.receive", Instant.now()).tag("k", "v").tagMessageId(null);
        try (MailSpan.MailScope scope = span.inScope()) {
            MailTracing.OFF.inject(headers);
        }
        span.end();
        headers.add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes(StandardCharsets.UTF_8));
        assertThat(MailTracing.OFF.carrier(headers)).isEmpty();
        assertThat(headers.toArray()).hasSize(1);
        assertThat(exported).isEmpty();
    }

    private SpanData named(String name) {
        return exported.stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + exported));
    }

    private final class Collecting implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            exported.addAll(spans);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
