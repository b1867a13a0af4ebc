package org.mailplatform.msa;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Notes when the MSA's producer was given a record (by its key, the queue id) and when the
 * broker's acknowledgement of each offset arrived. {@code onAcknowledgement} runs on the
 * producer's network thread before the thread waiting for the publish is released: it is the
 * earliest moment the MSA can know that the message is stored. The acknowledgement carries no key;
 * the offsets are matched to queue ids by reading the topic.
 */
public final class AcknowledgementTimes implements ProducerInterceptor<byte[], byte[]> {

    record Position(TopicPartition partition, long offset) {
    }

    static final Map<String, Long> SENT = new ConcurrentHashMap<>();
    static final Map<Position, Long> ACKNOWLEDGED = new ConcurrentHashMap<>();

    @Override
    public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
        if (record.key() != null) {
            SENT.put(new String(record.key(), StandardCharsets.UTF_8), System.nanoTime());
        }
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        long now = System.nanoTime();
        if (exception == null && metadata != null && metadata.hasOffset()) {
            ACKNOWLEDGED.put(new Position(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset()), now);
        }
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
