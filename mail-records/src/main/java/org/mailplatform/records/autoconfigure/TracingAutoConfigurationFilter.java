package org.mailplatform.records.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * With tracing off, Spring Boot's OpenTelemetry auto-configurations are left out: no SDK, no span
 * processor thread, no exporter; Micrometer's no-op tracer stands in. Boot would otherwise build
 * the SDK whenever it is on the class path.
 */
public final class TracingAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final List<String> OPENTELEMETRY_PACKAGES = List.of(
            "org.springframework.boot.micrometer.tracing.opentelemetry.",
            "org.springframework.boot.opentelemetry.");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean tracing = TracingSwitch.enabled(environment);
        boolean[] keep = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < keep.length; i++) {
            String name = autoConfigurationClasses[i];
            keep[i] = tracing || name == null || OPENTELEMETRY_PACKAGES.stream().noneMatch(name::startsWith);
        }
        return keep;
    }
}
