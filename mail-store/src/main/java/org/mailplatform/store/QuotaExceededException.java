package org.mailplatform.store;

/** The account's storage quota would be exceeded (IMAP [OVERQUOTA], RFC 9208 §4.2; SMTP 552 5.2.2). */
public final class QuotaExceededException extends StoreException {

    public QuotaExceededException(String message) {
        super(message);
    }
}
