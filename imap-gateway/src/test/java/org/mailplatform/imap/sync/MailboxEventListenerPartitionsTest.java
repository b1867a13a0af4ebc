package org.mailplatform.imap.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.mailplatform.records.MailboxEvent;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.records.codec.MailboxEventSerializer;
import org.mailplatform.records.consume.MailConsumerSettings;
import org.mailplatform.testsupport.TestKafka;

/**
 * The listener reads the topic without a consumer group: it starts at the end of every partition
 * (older events are not wanted), leaves no group behind, and reads partitions added later from
 * their first record.
 */
class MailboxEventListenerPartitionsTest {

    private static final long OLD_MAILBOX = 1;
    private static final long LIVE_MAILBOX = 2;
    private static final long NEW_PARTITION_MAILBOX = 3;

    @Test
    void startsAtTheEndWithoutAGroupAndReadsPartitionsAddedLater() throws Exception {
        String bootstrap = TestKafka.get().bootstrapServers();
        String topic = "mailbox.events.partitions-" + UUID.randomUUID().toString().substring(0, 8);
        String replica = "partitions-test-" + UUID.randomUUID().toString().substring(0, 8);
        Set<Long> woken = ConcurrentHashMap.newKeySet();
        SessionRegistry registry = new SessionRegistry();
        for (long mailbox : List.of(OLD_MAILBOX, LIVE_MAILBOX, NEW_PARTITION_MAILBOX)) {
            registry.register(mailbox, woken::add);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             KafkaProducer<byte[], MailboxEvent> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(), new MailboxEventSerializer())) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(topic, 1, null, event(OLD_MAILBOX))).get(30, TimeUnit.SECONDS);

            MailboxEventListener listener = new MailboxEventListener(
                    MailConsumerSettings.forBootstrapServers(bootstrap), registry, replica, topic, Duration.ofMillis(500));
            listener.start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(listener::isAssigned);
                producer.send(new ProducerRecord<>(topic, 0, null, event(LIVE_MAILBOX))).get(30, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(10)).until(() -> woken.contains(LIVE_MAILBOX));

                admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(3))).all().get(30, TimeUnit.SECONDS);
                // Published at once, likely before the listener lists the partitions again: it must still arrive.
                producer.send(new ProducerRecord<>(topic, 2, null, event(NEW_PARTITION_MAILBOX))).get(30, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(20)).until(() -> woken.contains(NEW_PARTITION_MAILBOX));

                assertThat(woken).as("an event published before the listener started").doesNotContain(OLD_MAILBOX);
                assertThat(admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS))
                        .map(ConsumerGroupListing::groupId).noneMatch(g -> g.contains(replica));
            } finally {
                listener.stop();
            }
            assertThat(listener.isAssigned()).isFalse();
        }
    }

    private static MailboxEvent event(long mailboxId) {
        return MailboxEvent.messages(MailboxEventKind.NEW_MESSAGE, "user@example.test", mailboxId, 1, List.of(1L), 1,
                "another-replica");
    }
}
