package org.mailplatform.auth;

/** A new password that the {@link PasswordPolicy} refuses. */
public final class InvalidPasswordException extends IllegalArgumentException {

    public InvalidPasswordException(String message) {
        super(message);
    }
}
