package org.mailplatform.msgauth.dkim;

/** A DKIM key that cannot be used: unreadable, of an unsupported type, too weak or badly named. */
public final class InvalidDkimKeyException extends RuntimeException {

    public InvalidDkimKeyException(String message) {
        super(message);
    }

    public InvalidDkimKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
