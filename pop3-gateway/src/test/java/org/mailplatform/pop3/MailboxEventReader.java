package org.mailplatform.pop3;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.mailplatform.records.MailboxEvent;
import org.mailplatform.records.codec.MailboxEventDeserializer;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.testsupport.TestKafka;

/** Reads mailbox.events from the beginning, as an IMAP replica's consumer would. */
final class MailboxEventReader implements AutoCloseable {

    private final KafkaConsumer<String, MailboxEvent> consumer;
    private final List<ConsumerRecord<String, MailboxEvent>> seen = new ArrayList<>();

    MailboxEventReader() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "pop3-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new MailboxEventDeserializer());
        consumer.subscribe(List.of(MailTopics.MAILBOX_EVENTS));
    }

    ConsumerRecord<String, MailboxEvent> await(Predicate<MailboxEvent> match) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, MailboxEvent> r : seen) {
                if (match.test(r.value())) {
                    return r;
                }
            }
            consumer.poll(Duration.ofMillis(300)).forEach(seen::add);
        }
        throw new AssertionError("no matching event on " + MailTopics.MAILBOX_EVENTS);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
