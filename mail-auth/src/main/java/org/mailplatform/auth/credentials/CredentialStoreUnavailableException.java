package org.mailplatform.auth.credentials;

/** The credential store could not be reached: a temporary failure, never a wrong password. */
public final class CredentialStoreUnavailableException extends RuntimeException {

    public CredentialStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
