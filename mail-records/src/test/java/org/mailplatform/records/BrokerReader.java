package org.mailplatform.records;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.mailplatform.testsupport.TestKafka;

/** Reads records back from the test broker with a real consumer, from a known partition and offset. */
public final class BrokerReader {

    private BrokerReader() {
    }

    public static KafkaConsumer<String, byte[]> rawConsumer() {
        return consumer(new ByteArrayDeserializer());
    }

    public static <V> KafkaConsumer<String, V> consumer(Deserializer<V> values) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), values);
    }

    /** The record at {@code offset} of {@code partition}, read with {@code values}. */
    public static <V> ConsumerRecord<String, V> readAt(String topic, int partition, long offset,
                                                       Deserializer<V> values) {
        try (KafkaConsumer<String, V> consumer = consumer(values)) {
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            List<ConsumerRecord<String, V>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(found::add);
                return !found.isEmpty();
            });
            return found.getFirst();
        }
    }
}
