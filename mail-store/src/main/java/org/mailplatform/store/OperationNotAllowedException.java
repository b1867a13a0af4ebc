package org.mailplatform.store;

/** The operation is not allowed in the object's current state (deleting INBOX, a domain with accounts, ...). */
public final class OperationNotAllowedException extends StoreException {

    public OperationNotAllowedException(String message) {
        super(message);
    }
}
