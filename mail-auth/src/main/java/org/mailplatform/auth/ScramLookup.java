package org.mailplatform.auth;

import java.util.Optional;

import org.mailplatform.auth.credentials.ScramVerifier;
import org.mailplatform.store.account.Account;

/** The first half of a SCRAM login ({@link Authenticator#scramLookup}): a verifier to challenge with, or a refusal. */
public sealed interface ScramLookup {

    /**
     * Challenge with this verifier's salt and count. {@code account} is empty when the name is
     * unknown or the account has no verifier yet: the verifier is then a made-up one no proof
     * matches, with a salt that is the same for the same name each time.
     */
    record Verifier(ScramVerifier verifier, Optional<Account> account) implements ScramLookup {
    }

    /** The login ends here (throttled, store unavailable); the pause and the count are already done. */
    record Refused(AuthOutcome outcome) implements ScramLookup {
    }
}
