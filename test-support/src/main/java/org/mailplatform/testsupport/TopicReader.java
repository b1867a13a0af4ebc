package org.mailplatform.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads one topic of the test broker from its beginning, with a consumer group of its own, and
 * waits for records that match a condition: how a test sees what a service published. Records
 * the deserializer cannot read are passed over.
 */
public final class TopicReader<T> implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<T> deserializer;
    private final List<T> seen = new ArrayList<>();
    private final String topic;

    public TopicReader(String topic, Deserializer<T> deserializer) {
        this.topic = topic;
        this.deserializer = deserializer;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, TestKafka.MAX_MESSAGE_BYTES,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, TestKafka.MAX_MESSAGE_BYTES),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** The first record (already seen or arriving within 30 s) that matches. */
    public synchronized T await(Predicate<T> match) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            for (T r : seen) {
                if (match.test(r)) {
                    return r;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching record on " + topic + " within 30 s (" + seen.size() + " seen)");
            }
            poll(Duration.ofMillis(300));
        }
    }

    /** How many records seen so far match, after one more short poll. */
    public synchronized long count(Predicate<T> match) {
        poll(Duration.ofMillis(500));
        return seen.stream().filter(match).count();
    }

    private void poll(Duration timeout) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            try {
                seen.add(deserializer.deserialize(r.topic(), r.headers(), r.value()));
            } catch (RuntimeException unreadable) {
                // Tests of the dead-letter path write records that are not records on purpose to the
                // same shared broker; a reader looking for something else passes over them.
            }
        }
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
