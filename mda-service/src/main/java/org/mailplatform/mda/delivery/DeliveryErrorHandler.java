package org.mailplatform.mda.delivery;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;

import org.mailplatform.records.consume.RetryPolicy;
import org.mailplatform.records.publish.PublishException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * What happens when delivering a record throws. The record is never skipped silently:
 * <ul>
 *   <li>an outage (database or Kafka unreachable, lock conflicts, timeouts) is retried until it
 *       ends, with back-off up to {@link #MAX_OUTAGE_INTERVAL}: every other record would fail the
 *       same way, so waiting is right, and the partition keeps its order;</li>
 *   <li>anything else is tried {@link #ATTEMPTS} times and then parked on the dead-letter topic,
 *       so one record the code cannot handle does not hold up the mail behind it.</li>
 * </ul>
 * The consumer runtime applies it per partition: a failing partition is paused for the back-off
 * while the other partitions keep being delivered.
 */
public final class DeliveryErrorHandler {

    static final int ATTEMPTS = 3;
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
    static final Duration MAX_OUTAGE_INTERVAL = Duration.ofSeconds(30);

    /** The retry policy of the delivery consumers. */
    public static final RetryPolicy POLICY = new RetryPolicy(RETRY_INTERVAL, MAX_OUTAGE_INTERVAL, ATTEMPTS,
            DeliveryErrorHandler::isOutage);

    private DeliveryErrorHandler() {
    }

    /** Whether the failure says the platform's infrastructure is down, not that the record is bad. */
    static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FollowUpFailedException
                    || t instanceof PublishException
                    || t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof TransactionSystemException
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }
}
