package org.mailplatform.mda.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.mailplatform.testsupport.TestKafka;

/**
 * Reads a whole topic of the test broker from its beginning with a real consumer (no group, no
 * commits). Tests pick their own records out by queue id or account, which are unique per test.
 */
final class TopicReader implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();

    TopicReader(String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, TestKafka.MAX_MESSAGE_BYTES),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Waits until at least {@code count} records decode to values that match, and returns all that match. */
    <T> List<T> await(Function<ConsumerRecord<byte[], byte[]>, T> decode, Predicate<T> match, int count) {
        List<T> found = new ArrayList<>();
        Awaitility.await().atMost(WAIT).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            found.clear();
            for (ConsumerRecord<byte[], byte[]> record : seen) {
                T value = decode.apply(record);
                if (match.test(value)) {
                    found.add(value);
                }
            }
            return found.size() >= count;
        });
        return List.copyOf(found);
    }

    /** Everything on the topic now (up to its current end offsets) that matches. */
    <T> List<T> uptoEnd(Function<ConsumerRecord<byte[], byte[]>, T> decode, Predicate<T> match) {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        Awaitility.await().atMost(WAIT).until(() -> {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
        });
        return seen.stream().map(decode).filter(match).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
