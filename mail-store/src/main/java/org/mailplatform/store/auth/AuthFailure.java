package org.mailplatform.store.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * The failed logins counted for one throttle key.
 *
 * @param key          an account name or a client address, as mail-auth's throttle spells it
 * @param failures     failures since the count last started
 * @param lastFailure  when the last one happened
 * @param blockedUntil until when attempts for the key are refused; null when not blocked
 */
public record AuthFailure(String key, int failures, Instant lastFailure, Instant blockedUntil) {

    public Optional<Instant> block() {
        return Optional.ofNullable(blockedUntil);
    }
}
