package org.mailplatform.auth.oauth;

/** What {@link TokenValidator#validate} found for one bearer token. */
public sealed interface TokenVerdict {

    /** Signed by the issuer's key, for this audience, within its lifetime: it names {@code account}. */
    record Valid(String account) implements TokenVerdict {
    }

    /** Refused; {@code reason} is for the log, never for the client. */
    record Invalid(String reason) implements TokenVerdict {
    }

    /** The issuer's keys could not be had: a temporary failure. */
    record Unavailable(String reason) implements TokenVerdict {
    }
}
