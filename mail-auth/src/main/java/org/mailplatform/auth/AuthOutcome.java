package org.mailplatform.auth;

import java.time.Duration;

import org.mailplatform.store.account.Account;

/** The result of one password check. */
public sealed interface AuthOutcome {

    /** Name and password match an enabled account. */
    record Success(Account account) implements AuthOutcome {
    }

    /** Unknown name or wrong password; the two are never told apart. */
    record BadCredentials() implements AuthOutcome {
    }

    /** Too many recent failures for this name or client; the password was not checked. */
    record Throttled(Duration retryAfter) implements AuthOutcome {
    }

    /** The password is right but the account is disabled. */
    record Disabled() implements AuthOutcome {
    }

    /** The account store could not be reached: a temporary failure. */
    record Unavailable() implements AuthOutcome {
    }

    default String metricName() {
        return switch (this) {
            case Success s -> "success";
            case BadCredentials b -> "bad_credentials";
            case Throttled t -> "throttled";
            case Disabled d -> "disabled";
            case Unavailable u -> "unavailable";
        };
    }
}
