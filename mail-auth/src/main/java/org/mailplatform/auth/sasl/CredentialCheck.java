package org.mailplatform.auth.sasl;

/** Checks a username and password found by a mechanism and says how the exchange ends. */
@FunctionalInterface
interface CredentialCheck {

    SaslStep check(String username, String password, String mechanism);
}
