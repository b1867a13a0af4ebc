package org.mailplatform.store;

/** A domain, account, alias or mailbox with that name already exists. */
public final class AlreadyExistsException extends StoreException {

    public AlreadyExistsException(String message) {
        super(message);
    }
}
