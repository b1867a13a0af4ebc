package org.mailplatform.records.autoconfigure;

import org.springframework.core.env.Environment;

/**
 * The one setting that turns tracing on, and the two an operator may add. Everything else is
 * Spring Boot's own {@code management.tracing.*} / {@code management.opentelemetry.*}.
 */
final class TracingSwitch {

    static final String ENABLED = "mailplatform.tracing.enabled";
    static final String OTLP_ENDPOINT = "mailplatform.tracing.otlp-endpoint";
    static final String SAMPLING_PROBABILITY = "mailplatform.tracing.sampling-probability";

    static final String DEFAULT_OTLP_ENDPOINT = "http://localhost:4318/v1/traces";
    /** Every message, when tracing is on: a trace per message is the point. */
    static final String DEFAULT_SAMPLING_PROBABILITY = "1.0";

    private TracingSwitch() {
    }

    static boolean enabled(Environment environment) {
        return environment != null && environment.getProperty(ENABLED, Boolean.class, false);
    }
}
