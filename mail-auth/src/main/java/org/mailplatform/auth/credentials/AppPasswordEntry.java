package org.mailplatform.auth.credentials;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.mailplatform.auth.LoginProtocol;

/**
 * One app password of an account as stored: its salted hash, never the secret.
 *
 * @param protocols empty: usable over every protocol
 */
public record AppPasswordEntry(long id, String name, byte[] salt, byte[] secretHash, Set<LoginProtocol> protocols,
                               Instant createdAt, Optional<Instant> lastUsed) {

    public AppPasswordEntry {
        salt = salt.clone();
        secretHash = secretHash.clone();
        protocols = Set.copyOf(protocols);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] secretHash() {
        return secretHash.clone();
    }

    /** @param protocol null when the caller does not say: then only unrestricted app passwords qualify */
    public boolean allows(LoginProtocol protocol) {
        return protocols.isEmpty() || (protocol != null && protocols.contains(protocol));
    }

    @Override
    public String toString() {
        return "AppPasswordEntry[name=" + name + ", protocols=" + protocols + "]";
    }
}
