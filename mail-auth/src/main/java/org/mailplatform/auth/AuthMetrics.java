package org.mailplatform.auth;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counter {@value #NAME}, tagged {@code mechanism} (PLAIN, LOGIN, or the caller's name for a
 * plain password command such as IMAP LOGIN or POP3 USER/PASS) and {@code outcome} (success,
 * bad_credentials, throttled, disabled, unavailable, malformed, cancelled, ...); counter
 * {@value #CACHE} tagged {@code result} (hit, miss) for the {@link CredentialCache}; counter
 * {@value #VERIFICATIONS}, the password hashes actually computed (Argon2 or bcrypt). A no-op
 * without a registry.
 */
public final class AuthMetrics {

    public static final String NAME = "mailplatform.auth.attempts";
    public static final String CACHE = "mailplatform.auth.cache.lookups";
    public static final String VERIFICATIONS = "mailplatform.auth.password.verifications";

    private final MeterRegistry registry;
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Counter verifications;

    /** @param registry may be null: nothing is counted */
    public AuthMetrics(MeterRegistry registry) {
        this.registry = registry;
        if (registry == null) {
            cacheHits = cacheMisses = verifications = null;
            return;
        }
        cacheHits = cacheCounter(registry, "hit");
        cacheMisses = cacheCounter(registry, "miss");
        verifications = Counter.builder(VERIFICATIONS)
                .description("Password hashes computed to check a login (Argon2id or bcrypt)")
                .register(registry);
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

    /** A login with a known account found its password in the credential cache, or did not. */
    public void cacheLookup(boolean hit) {
        if (registry != null) {
            (hit ? cacheHits : cacheMisses).increment();
        }
    }

    /** One password hash computed (the expensive part of a login). */
    public void verification() {
        if (registry != null) {
            verifications.increment();
        }
    }

    private static Counter cacheCounter(MeterRegistry registry, String result) {
        return Counter.builder(CACHE)
                .description("Credential cache lookups by result")
                .tag("result", result)
                .register(registry);
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
