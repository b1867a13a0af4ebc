package org.mailplatform.records.consume;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Turns a record's bytes into what the handler works with. */
@FunctionalInterface
public interface RecordDecoder<T> {

    /** @throws RuntimeException when the record cannot be read: it goes to the dead-letter topic */
    T decode(ConsumerRecord<byte[], byte[]> raw);
}
