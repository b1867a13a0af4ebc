package org.mailplatform.records.consume;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A decoded record with the Kafka record it came from.
 *
 * @param <T> the decoded type
 */
public record Consumed<T>(ConsumerRecord<byte[], byte[]> raw, T value) {

    public TopicPartition partition() {
        return new TopicPartition(raw.topic(), raw.partition());
    }
}
