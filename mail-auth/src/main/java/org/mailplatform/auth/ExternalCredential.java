package org.mailplatform.auth;

import java.net.InetAddress;

/**
 * A credential other than a password, checked by the caller rather than against the account's
 * hash: an OAuth 2.0 bearer token (RFC 6750) sent with SASL OAUTHBEARER (RFC 7628) or XOAUTH2.
 * {@link Authenticator#authenticate(String, ExternalCredential, InetAddress, String)} calls it only
 * when the name and the client are not throttled.
 */
@FunctionalInterface
public interface ExternalCredential {

    Result verify();

    /** What the check found. */
    sealed interface Result {
    }

    /** The credential is valid and names this account (its full address). */
    record Verified(String address) implements Result {
    }

    /** Not valid: expired, for another audience, badly signed, or naming no one. */
    record Rejected() implements Result {
    }

    /** The credential could not be checked now (its issuer's keys unreachable): a temporary failure. */
    record Unavailable() implements Result {
    }
}
