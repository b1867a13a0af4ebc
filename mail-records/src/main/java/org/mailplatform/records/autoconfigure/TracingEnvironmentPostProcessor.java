package org.mailplatform.records.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With tracing on, gives Spring Boot's settings the platform's defaults, below every other source
 * so an operator's {@code management.*} settings still win: every message sampled, spans exported
 * over OTLP/HTTP to {@code mailplatform.tracing.otlp-endpoint}.
 */
public final class TracingEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "mailplatformTracingDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!TracingSwitch.enabled(environment) || environment.getPropertySources().contains(SOURCE_NAME)) {
            return;
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("management.tracing.sampling.probability",
                environment.getProperty(TracingSwitch.SAMPLING_PROBABILITY, TracingSwitch.DEFAULT_SAMPLING_PROBABILITY));
        defaults.put("management.opentelemetry.tracing.export.otlp.endpoint",
                environment.getProperty(TracingSwitch.OTLP_ENDPOINT, TracingSwitch.DEFAULT_OTLP_ENDPOINT));
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }
}
