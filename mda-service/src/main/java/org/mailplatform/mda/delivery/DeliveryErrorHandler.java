package org.mailplatform.mda.delivery;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.mailplatform.records.publish.DeadLetterPublisher;
import org.mailplatform.records.publish.PublishException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What happens when delivering a record throws. The record is never skipped silently:
 * <ul>
 *   <li>an outage (database or Kafka unreachable, lock conflicts, timeouts) is retried until it
 *       ends, with back-off up to {@link #MAX_OUTAGE_INTERVAL}: every other record would fail the
 *       same way, so waiting is right, and the partition keeps its order;</li>
 *   <li>anything else is tried {@link #ATTEMPTS} times and then parked on the dead-letter topic,
 *       so one record the code cannot handle does not hold up the mail behind it.</li>
 * </ul>
 */
public final class DeliveryErrorHandler {

    static final int ATTEMPTS = 3;
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
    static final Duration MAX_OUTAGE_INTERVAL = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(DeliveryErrorHandler.class);

    private DeliveryErrorHandler() {
    }

    public static DefaultErrorHandler create(DeadLetterPublisher deadLetters, DeliveryMetrics metrics) {
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer(deadLetters, metrics), fewAttempts());
        handler.setBackOffFunction((record, e) -> isOutage(e) ? untilItWorks() : fewAttempts());
        return handler;
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

    private static BackOff fewAttempts() {
        return new FixedBackOff(RETRY_INTERVAL.toMillis(), ATTEMPTS - 1);
    }

    private static BackOff untilItWorks() {
        ExponentialBackOff backOff = new ExponentialBackOff(RETRY_INTERVAL.toMillis(), 2.0);
        backOff.setMaxInterval(MAX_OUTAGE_INTERVAL.toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return backOff;
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecordRecoverer recoverer(DeadLetterPublisher deadLetters, DeliveryMetrics metrics) {
        return (record, e) -> {
            Exception cause = e instanceof ListenerExecutionFailedException && e.getCause() instanceof Exception inner
                    ? inner : e;
            log.error("{}-{} offset {} failed {} times; moving it to the dead-letter topic",
                    record.topic(), record.partition(), record.offset(), ATTEMPTS, cause);
            try {
                deadLetters.publish((ConsumerRecord<byte[], byte[]>) record, cause);
            } catch (PublishException failed) {
                throw new FollowUpFailedException("dead letter not acknowledged", failed);
            }
            metrics.deadLettered();
        };
    }
}
