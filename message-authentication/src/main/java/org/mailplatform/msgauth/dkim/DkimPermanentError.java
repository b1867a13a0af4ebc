package org.mailplatform.msgauth.dkim;

/** A signature that cannot verify, whatever DNS answers later: permerror (RFC 6376 6.1, RFC 8601 2.7.1). */
public final class DkimPermanentError extends RuntimeException {

    DkimPermanentError(String message) {
        super(message, null, false, false);
    }
}
