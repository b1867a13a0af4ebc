package org.mailplatform.auth.credentials;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the {@link org.mailplatform.auth.Authenticator} finds what a login is checked against: the
 * one interface between the SASL mechanisms and the account store, as Dovecot's protocol code sees
 * only its auth client. The mail store implements it ({@link StoreCredentialStore}); no protocol
 * module reaches credentials another way.
 *
 * <p>Every method may throw {@link CredentialStoreUnavailableException} when the store cannot be
 * reached; the Authenticator answers that as a temporary failure.
 */
public interface CredentialStore {

    /** The credentials of the account with this address (case-insensitive); empty for any other name. */
    Optional<Credentials> find(String username);

    /** Replaces the Argon2 hash, as when a login upgrades a weaker one. */
    void updatePasswordHash(long accountId, String passwordHash);

    /** Stores the SCRAM verifier derived from the account's current password. */
    void saveScramVerifier(long accountId, ScramVerifier verifier);

    /** Notes when an app password was last used (best effort: shown to the account's owner). */
    void appPasswordUsed(long appPasswordId, Instant when);
}
