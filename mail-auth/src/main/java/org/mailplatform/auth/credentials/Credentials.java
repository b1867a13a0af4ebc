package org.mailplatform.auth.credentials;

import java.util.List;
import java.util.Optional;

import org.mailplatform.store.account.Account;

/**
 * Everything a login may be checked against, for one account: the Argon2 password hash and the
 * disabled flag (both in {@code account}), the SCRAM verifier if one was derived, the app passwords.
 */
public record Credentials(Account account, Optional<ScramVerifier> scram, List<AppPasswordEntry> appPasswords) {

    public Credentials {
        appPasswords = List.copyOf(appPasswords);
    }

    public String passwordHash() {
        return account.passwordHash();
    }

    public boolean disabled() {
        return account.disabled();
    }
}
