package org.mailplatform.store;

/** The domain, account, alias, mailbox or message named does not exist. */
public final class NotFoundException extends StoreException {

    public NotFoundException(String message) {
        super(message);
    }
}
