package org.mailplatform.mda.delivery;

/**
 * Kafka did not acknowledge a record that must follow a delivery (event, report, forward). The
 * delivered record is then processed again, which the store's ledger makes harmless.
 */
public final class FollowUpFailedException extends RuntimeException {

    public FollowUpFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
