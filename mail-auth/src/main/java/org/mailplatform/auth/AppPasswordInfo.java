package org.mailplatform.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * An app password as its owner sees it: never the secret, which is shown once, at creation
 * ({@link #secret()} is empty afterwards).
 *
 * @param protocols empty: usable over every protocol
 */
public record AppPasswordInfo(String name, Set<LoginProtocol> protocols, Instant createdAt, Optional<Instant> lastUsed,
                              Optional<String> secret) {

    public AppPasswordInfo {
        protocols = Set.copyOf(protocols);
    }

    @Override
    public String toString() {
        return "AppPasswordInfo[name=" + name + ", protocols=" + protocols + "]";
    }
}
