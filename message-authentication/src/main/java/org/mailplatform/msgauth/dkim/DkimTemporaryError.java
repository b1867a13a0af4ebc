package org.mailplatform.msgauth.dkim;

/** The key could not be fetched this time: temperror (RFC 6376 6.1.2). */
final class DkimTemporaryError extends RuntimeException {

    DkimTemporaryError(String message) {
        super(message, null, false, false);
    }
}
