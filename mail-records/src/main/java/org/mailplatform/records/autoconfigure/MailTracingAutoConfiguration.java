package org.mailplatform.records.autoconfigure;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.micrometer.tracing.propagation.Propagator;
import org.mailplatform.records.tracing.MailTracing;
import org.mailplatform.records.tracing.MicrometerMailTracing;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link MailTracing} for the service: spans through Micrometer Tracing when
 * {@code mailplatform.tracing.enabled=true}, else {@link MailTracing#OFF}.
 */
@AutoConfiguration(before = MailPublisherAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration"})
public class MailTracingAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tracer.class)
    @ConditionalOnProperty(name = TracingSwitch.ENABLED, havingValue = "true")
    static class Enabled {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean({Tracer.class, Propagator.class})
        MailTracing mailTracing(Tracer tracer, Propagator propagator) {
            return new MicrometerMailTracing(tracer, propagator);
        }

        /** Prometheus scrapes and probes are not mail: their request spans stay out of the collector. */
        @Bean
        SpanExportingPredicate mailTracingSkipsActuator() {
            return span -> {
                String uri = span.getTags().get("uri");
                return uri == null || !uri.startsWith("/actuator");
            };
        }
    }

    @Bean
    @ConditionalOnMissingBean
    MailTracing mailTracingOff() {
        return MailTracing.OFF;
    }
}
