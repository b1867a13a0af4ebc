package org.mailplatform.records.consume;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Told what a consumer did, for a service's own meters and logs. */
public interface ConsumerObserver {

    ConsumerObserver NONE = new ConsumerObserver() {
    };

    /**
     * A record was parked on the dead-letter topic (the broker acknowledged it).
     *
     * @param unreadable true when the record could not be decoded, false when it failed its attempts
     */
    default void deadLettered(ConsumerRecord<byte[], byte[]> record, Exception cause, boolean unreadable) {
    }
}
