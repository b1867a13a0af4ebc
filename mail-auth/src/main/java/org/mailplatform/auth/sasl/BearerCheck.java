package org.mailplatform.auth.sasl;

import java.util.Optional;

/** Checks a bearer token found by OAUTHBEARER or XOAUTH2 and says how the exchange ends. */
interface BearerCheck {

    /**
     * @param user the identity the client named (OAUTHBEARER's authzid, XOAUTH2's user), which
     *             must be the token's account when present
     * @return {@link SaslStep.Success} or {@link SaslStep.Failure}
     */
    SaslStep check(Optional<String> user, String token, String mechanism);

    /** The scope to name in an error challenge (RFC 7628 §3.2.2); empty for none. */
    Optional<String> scope();

    /** The provider's discovery document, named in OAUTHBEARER's error challenge. */
    Optional<String> discoveryUri();
}
