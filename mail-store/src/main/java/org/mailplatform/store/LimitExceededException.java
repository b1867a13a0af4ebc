package org.mailplatform.store;

/**
 * A change would take a mailbox past one of the store's limits, e.g. its number of distinct keywords
 * (IMAP {@code NO [LIMIT]}, RFC 9051 7.1). Unlike a quota, waiting does not help; removing does.
 */
public final class LimitExceededException extends StoreException {

    public LimitExceededException(String message) {
        super(message);
    }
}
