package org.mailplatform.store.transport;

import java.time.Instant;

/**
 * An MTA-STS policy as fetched (RFC 8461 3.2), with the id of the TXT record it was fetched under.
 *
 * @param expiresAt fetch time plus the policy's max_age (RFC 8461 5.1)
 */
public record CachedStsPolicy(String domain, String policyId, String policy, Instant fetchedAt, Instant expiresAt) {

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
