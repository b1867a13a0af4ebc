package org.mailplatform.store.sieve;

import java.time.Instant;

/** One stored Sieve script of an account (RFC 5804 script names; at most one active). */
public record SieveScript(long accountId, String name, String content, boolean active, Instant updatedAt) {
}
