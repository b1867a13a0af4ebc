package org.mailplatform.tls;

/** A certificate or key that cannot be served: unreadable, encrypted, mismatched or of an unsupported kind. */
public class InvalidCredentialsException extends RuntimeException {

    public InvalidCredentialsException(String message) {
        super(message);
    }

    public InvalidCredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
