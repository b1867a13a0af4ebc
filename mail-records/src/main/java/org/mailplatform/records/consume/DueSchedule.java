package org.mailplatform.records.consume;

import java.time.Instant;

/**
 * When a record may be handled. A record that is not due holds its partition until it is: the
 * records of a partition are due in order (a retry tier's records are written in the order they
 * fall due), so the head waits for everything behind it.
 */
public interface DueSchedule<T> {

    /** When the record may be handled; null or a past instant for now. */
    Instant dueAt(Consumed<T> record);

    /** When the message arrived, for the age of the oldest message held; null when unknown. */
    Instant receivedAt(Consumed<T> record);
}
