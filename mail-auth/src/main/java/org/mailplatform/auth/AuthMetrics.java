package org.mailplatform.auth;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counter {@value #NAME}, tagged {@code mechanism} (PLAIN, LOGIN, or the caller's name for a
 * plain password command such as IMAP LOGIN or POP3 USER/PASS) and {@code outcome} (success,
 * bad_credentials, throttled, disabled, unavailable, malformed, cancelled, ...). A no-op without
 * a registry.
 */
public final class AuthMetrics {

    public static final String NAME = "mailplatform.auth.attempts";

    private final MeterRegistry registry;

    /** @param registry may be null: nothing is counted */
    public AuthMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public static AuthMetrics none() {
        return new AuthMetrics(null);
    }

    public void record(String mechanism, String outcome) {
        if (registry == null) {
            return;
        }
        Counter.builder(NAME)
                .description("Authentication attempts by mechanism and outcome")
                .tag("mechanism", tagValue(mechanism))
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    // Tags come from code, but keep their cardinality bounded whatever a caller passes.
    private static String tagValue(String mechanism) {
        if (mechanism == null || mechanism.isEmpty() || mechanism.length() > 20
                || !mechanism.chars().allMatch(c -> c < 0x7f && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))) {
            return "other";
        }
        return mechanism.toUpperCase(Locale.ROOT);
    }
}
