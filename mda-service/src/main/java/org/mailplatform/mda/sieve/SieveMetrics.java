package org.mailplatform.mda.sieve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The Sieve meters (Prometheus names in brackets):
 * <ul>
 *   <li>{@value #ACTIONS} {@code action=keep|fileinto|redirect|reject|discard|vacation}: actions
 *       carried out ({@code mail_mda_sieve_actions_total});</li>
 *   <li>{@value #FAILURES} {@code reason=invalid_script|runtime_error|internal_error}: runs that
 *       fell back to the plain delivery ({@code mail_mda_sieve_failures_total});</li>
 *   <li>{@value #VACATION_SUPPRESSED} {@code reason=rule|already_replied}: vacation replies not
 *       sent ({@code mail_mda_sieve_vacation_suppressed_total}).</li>
 * </ul>
 */
public final class SieveMetrics {

    public static final String ACTIONS = "mail.mda.sieve.actions";
    public static final String FAILURES = "mail.mda.sieve.failures";
    public static final String VACATION_SUPPRESSED = "mail.mda.sieve.vacation.suppressed";

    /** Why a run fell back to the plain delivery: the {@code reason} tag of {@link #FAILURES}. */
    static final String INVALID_SCRIPT = "invalid_script";
    static final String RUNTIME_ERROR = "runtime_error";
    static final String INTERNAL_ERROR = "internal_error";

    private final MeterRegistry registry;

    public SieveMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Registered at zero, so the series exist (and alerts on them work) before the first failure.
        for (String reason : new String[] {INVALID_SCRIPT, RUNTIME_ERROR, INTERNAL_ERROR}) {
            failures(reason);
        }
    }

    void action(String action) {
        Counter.builder(ACTIONS).description("Sieve actions carried out at delivery, by action")
                .tag("action", action).register(registry).increment();
    }

    void failure(String reason) {
        failures(reason).increment();
    }

    private Counter failures(String reason) {
        return Counter.builder(FAILURES).description("Sieve runs that fell back to the plain delivery, by reason")
                .tag("reason", reason).register(registry);
    }

    void vacationSuppressed(String reason) {
        Counter.builder(VACATION_SUPPRESSED).description("Vacation replies not sent, by reason")
                .tag("reason", reason).register(registry).increment();
    }
}
