package org.mailplatform.testsupport;

import org.junit.jupiter.api.Assumptions;

/**
 * A precondition on an external program a test drives (swaks, dnsmasq, Postfix, promtool,
 * docker-compose). On a developer's machine a missing program skips the test with the reason;
 * where {@code MAILPLATFORM_REQUIRE_TEST_TOOLS=true} is set (CI sets it, after installing the
 * programs) a missing program fails the test, so a broken install can never turn into a green run
 * with the test quietly skipped.
 */
public final class RequiredTool {

    static final String REQUIRE_VARIABLE = "MAILPLATFORM_REQUIRE_TEST_TOOLS";

    private RequiredTool() {
    }

    public static void assumePresent(boolean present, String whatIsMissing) {
        if (present) {
            return;
        }
        if (required()) {
            throw new AssertionError(whatIsMissing + " (" + REQUIRE_VARIABLE
                    + "=true: this run must have every tool its tests drive)");
        }
        Assumptions.abort(whatIsMissing);
    }

    static boolean required() {
        String value = System.getProperty("mailplatform.require-test-tools", System.getenv(REQUIRE_VARIABLE));
        return "true".equalsIgnoreCase(value);
    }
}
