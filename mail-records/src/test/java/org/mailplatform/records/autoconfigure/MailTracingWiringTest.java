package org.mailplatform.records.autoconfigure;

import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;
import org.mailplatform.records.tracing.MailTracing;
import org.mailplatform.records.tracing.MicrometerMailTracing;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switch, through Boot's real auto-configuration selection: off leaves the OpenTelemetry SDK
 * out altogether, on brings it with every message sampled and OTLP export to the platform's setting.
 */
class MailTracingWiringTest {

    @Test
    void offByDefaultWithNoOpenTelemetryAtAll() {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getBean(MailTracing.class)).isSameAs(MailTracing.OFF);
            assertThat(context.getBeansOfType(OpenTelemetry.class)).isEmpty();
            assertThat(context.getBean(Tracer.class)).isSameAs(Tracer.NOOP);
            assertThat(context.getEnvironment().getPropertySources().contains(TracingEnvironmentPostProcessor.SOURCE_NAME))
                    .isFalse();
        }
    }

    @Test
    void oneSettingTurnsItOnWithEveryMessageSampledAndExportedOverOtlp() {
        try (ConfigurableApplicationContext context = start("--mailplatform.tracing.enabled=true",
                "--mailplatform.tracing.otlp-endpoint=http://collector.example.test:4318/v1/traces")) {
            assertThat(context.getBean(MailTracing.class)).isInstanceOf(MicrometerMailTracing.class);
            assertThat(context.getBeansOfType(OpenTelemetry.class)).hasSize(1);
            assertThat(context.getBean(Sampler.class).getDescription()).contains("1.000000");
            assertThat(context.getBeansOfType(OtlpHttpSpanExporter.class)).hasSize(1);
            assertThat(context.getEnvironment().getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
                    .isEqualTo("http://collector.example.test:4318/v1/traces");
        }
    }

    @Test
    void theRatioIsASettingAndBootsOwnSettingsStillWin() {
        assertThat(processed("mailplatform.tracing.enabled=true", "mailplatform.tracing.sampling-probability=0.25")
                .getProperty("management.tracing.sampling.probability")).isEqualTo("0.25");
        assertThat(processed("mailplatform.tracing.enabled=true", "mailplatform.tracing.sampling-probability=0.25",
                "management.tracing.sampling.probability=0.5").getProperty("management.tracing.sampling.probability"))
                .isEqualTo("0.5");
        assertThat(processed("mailplatform.tracing.sampling-probability=0.25")
                .getProperty("management.tracing.sampling.probability")).isNull();
    }

    private static StandardEnvironment processed(String... properties) {
        StandardEnvironment environment = new StandardEnvironment();
        TestPropertyValues.of(properties).applyTo(environment);
        new TracingEnvironmentPostProcessor().postProcessEnvironment(environment, null);
        return environment;
    }

    private static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
                // Port 1 on loopback refuses at once; nothing here reaches a broker.
                .properties("mailplatform.kafka.create-topics=false", "spring.kafka.bootstrap-servers=127.0.0.1:1",
                        "spring.main.banner-mode=off")
                .run(args);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
