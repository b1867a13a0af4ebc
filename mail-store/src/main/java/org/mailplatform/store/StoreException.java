package org.mailplatform.store;

/**
 * A store operation that was refused for a reason the caller can report to its client
 * (IMAP {@code NO}, SMTP 4xx/5xx, HTTP 4xx). Database faults stay Spring's
 * {@code DataAccessException}.
 */
public abstract sealed class StoreException extends RuntimeException
        permits NotFoundException, AlreadyExistsException, QuotaExceededException, OperationNotAllowedException,
        LimitExceededException {

    protected StoreException(String message) {
        super(message);
    }
}
