package org.mailplatform.store.account;

import java.time.Instant;

/** A domain this platform receives mail for. */
public record Domain(long id, String name, Instant createdAt) {
}
