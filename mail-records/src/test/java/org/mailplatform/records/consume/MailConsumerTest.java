package org.mailplatform.records.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailplatform.records.MailHeaders;
import org.mailplatform.records.MailSizeLimits;
import org.mailplatform.records.publish.AcknowledgedSender;
import org.mailplatform.records.publish.DeadLetterPublisher;
import org.mailplatform.records.publish.MailProducerSettings;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.testsupport.TestKafka;

/**
 * The consumer runtime against the real broker: what it commits, how a partition is held without
 * holding the others, when a record goes to the dead-letter topic, the broadcast mode, and a stop
 * in the middle of a batch.
 */
class MailConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DUE_HEADER = "test-due";

    private static Admin admin;
    private static KafkaProducer<byte[], byte[]> producer;
    private static AcknowledgedSender sender;

    private final List<MailConsumer<?>> started = new ArrayList<>();
    private String topic;
    private String group;

    @BeforeAll
    static void broker() throws Exception {
        String bootstrap = TestKafka.get().bootstrapServers();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        try {
            // As the platform declares it, so that a test of the catalogue finds it as it expects.
            admin.createTopics(List.of(MailTopics.defaults().get(MailTopics.DEAD_LETTER).toNewTopic())).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer());
        sender = AcknowledgedSender.create(MailProducerSettings.forBootstrapServers(bootstrap)
                .withTimeouts(Duration.ofSeconds(20)), (t, elapsed, ok) -> {
        });
    }

    @AfterAll
    static void close() {
        sender.close();
        producer.close();
        admin.close();
    }

    @AfterEach
    void stopConsumers() {
        started.forEach(MailConsumer::stop);
    }

    @Test
    void commitsOnlyWhatIsDoneInOrderAndTriesTheFailedRecordAgain() throws Exception {
        newTopic(1);
        for (int i = 0; i < 5; i++) {
            send(0, "r" + i, null);
        }
        AtomicBoolean broken = new AtomicBoolean(true);
        List<String> done = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger triesOfR2 = new AtomicInteger();
        start(groupConsumer(BatchHandler.perRecord(record -> {
            if (record.value().equals("r2")) {
                triesOfR2.incrementAndGet();
                if (broken.get()) {
                    throw new IllegalStateException("r2 cannot be done yet");
                }
            }
            done.add(record.value());
        }), fast(0)));

        await().atMost(WAIT).until(() -> triesOfR2.get() >= 2);
        assertThat(committed(0)).as("committed up to the record that is not done").isEqualTo(2);
        assertThat(done).containsExactly("r0", "r1");

        broken.set(false);
        await().atMost(WAIT).until(() -> committed(0) == 5);
        assertThat(done).as("each record done once, in order").containsExactly("r0", "r1", "r2", "r3", "r4");
    }

    @Test
    void aPartitionHeldUntilDueOrInBackOffDoesNotHoldTheOthers() throws Exception {
        newTopic(3);
        Instant due = Instant.now().plusSeconds(8);
        send(0, "later", due);
        send(1, "failing", null);
        Map<String, Instant> doneAt = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        MailConsumer<String> consumer = groupConsumer(BatchHandler.perRecord(record -> {
            if (record.value().equals("failing") && failures.incrementAndGet() < 4) {
                throw new IllegalStateException("not yet");
            }
            doneAt.put(record.value(), Instant.now());
        }), new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(2), 0, null), dueFromHeader());
        start(consumer);

        await().atMost(WAIT).until(() -> failures.get() >= 1);
        send(2, "flowing", null);
        await().atMost(WAIT).until(() -> doneAt.containsKey("flowing"));
        // The failing record's fourth try is at least 6 s (three back-offs of 2 s) after its first.
        assertThat(doneAt).as("partition 1 is held while 2 flows").doesNotContainKey("failing");
        await().atMost(WAIT).until(() -> committed(2) == 1);
        assertThat(committed(1)).isZero();

        await().atMost(WAIT).until(() -> doneAt.containsKey("later") && doneAt.containsKey("failing"));
        assertThat(doneAt.get("later")).as("not before it was due").isAfterOrEqualTo(due);
        assertThat(failures.get()).isEqualTo(4);
        await().atMost(WAIT).until(() -> committed(0) == 1 && committed(1) == 1);
        assertThat(consumer.stats().oldestReceivedAt()).isNull();
    }

    @Test
    void aRecordIsDeadLetteredAfterItsAttemptsAndAnUnreadableOneAtOnce() throws Exception {
        newTopic(1);
        send(0, "bad", null);
        send(0, "unreadable", null);
        send(0, "outage", null);
        send(0, "good", null);
        AtomicInteger triesOfBad = new AtomicInteger();
        AtomicInteger outages = new AtomicInteger();
        List<String> done = Collections.synchronizedList(new ArrayList<>());
        List<String> parked = Collections.synchronizedList(new ArrayList<>());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RetryPolicy threeTries = new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 3,
                t -> t instanceof IllegalStateException);
        MailConsumer<String> consumer = MailConsumer.<String>group("test-dlt", topic, group, settings())
                .decoder(raw -> {
                    String value = new String(raw.value(), StandardCharsets.UTF_8);
                    if (value.equals("unreadable")) {
                        throw new IllegalArgumentException("not a record");
                    }
                    return value;
                })
                .handler(BatchHandler.perRecord(record -> {
                    switch (record.value()) {
                        case "bad" -> {
                            triesOfBad.incrementAndGet();
                            throw new IllegalArgumentException("this record cannot be handled");
                        }
                        // An outage is tried past the three attempts, and the record is not parked.
                        case "outage" -> {
                            if (outages.incrementAndGet() < 5) {
                                throw new IllegalStateException("the store is down");
                            }
                        }
                        default -> {
                        }
                    }
                    done.add(record.value());
                }))
                .retry(threeTries)
                .deadLetters(new DeadLetterPublisher(sender, "test-dlt"))
                .observer(new ConsumerObserver() {
                    @Override
                    public void deadLettered(ConsumerRecord<byte[], byte[]> record, Exception cause, boolean unreadable) {
                        parked.add(new String(record.value(), StandardCharsets.UTF_8) + (unreadable ? ":unreadable" : ""));
                    }
                })
                .meters(meters)
                .clientMeters(true)
                .build();
        start(consumer);

        await().atMost(WAIT).until(() -> committed(0) == 4);
        assertThat(triesOfBad.get()).isEqualTo(3);
        assertThat(outages.get()).isEqualTo(5);
        assertThat(done).containsExactly("outage", "good");
        assertThat(parked).containsExactly("bad", "unreadable:unreadable");

        List<ConsumerRecord<byte[], byte[]>> dead = deadLettersFrom(topic, 2);
        assertThat(dead).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("bad", "unreadable");
        assertThat(header(dead.get(0), MailHeaders.DLT_OFFSET)).isEqualTo("0");
        assertThat(header(dead.get(0), MailHeaders.DLT_CONSUMER)).isEqualTo("test-dlt");
        assertThat(header(dead.get(1), MailHeaders.DLT_OFFSET)).isEqualTo("1");

        assertThat(meters.get(ConsumerMeters.FAILURES).tag("outcome", "dead_lettered").counter().count()).isEqualTo(1);
        assertThat(meters.get(ConsumerMeters.FAILURES).tag("outcome", "unreadable").counter().count()).isEqualTo(1);
        assertThat(meters.get(ConsumerMeters.FAILURES).tag("outcome", "retried").counter().count()).isEqualTo(2 + 4);
        assertThat(meters.get(ConsumerMeters.RECORDS).tag("consumer", group).counter().count()).isGreaterThanOrEqualTo(3);
        assertThat(meters.getMeters()).as("the Kafka client's own meters")
                .anyMatch(m -> m.getId().getName().startsWith("kafka.consumer."));
    }

    @Test
    void aBroadcastConsumerReadsFromTheEndWithoutAGroup() throws Exception {
        newTopic(2);
        send(1, "before", null);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        String name = "broadcast-" + UUID.randomUUID();
        MailConsumer<String> consumer = MailConsumer.<String>broadcast(name, topic, settings())
                .decoder(MailConsumerTest::text)
                .handler(BatchHandler.perRecord(record -> seen.add(record.value())))
                .partitionCheck(Duration.ofMillis(500))
                .build();
        start(consumer);
        await().atMost(WAIT).until(consumer::isAssigned);

        send(0, "after-0", null);
        send(1, "after-1", null);
        await().atMost(WAIT).until(() -> seen.containsAll(List.of("after-0", "after-1")));
        admin.createPartitions(Map.of(topic, org.apache.kafka.clients.admin.NewPartitions.increaseTo(3)))
                .all().get(30, TimeUnit.SECONDS);
        send(2, "new-partition", null);
        await().atMost(WAIT).until(() -> seen.contains("new-partition"));

        assertThat(seen).doesNotContain("before");
        assertThat(admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS))
                .map(ConsumerGroupListing::groupId).noneMatch(g -> g.contains(name) || g.contains(topic));
        consumer.stop();
        assertThat(consumer.isAssigned()).isFalse();
        assertThat(consumer.isRunning()).isFalse();
    }

    @Test
    void stopFinishesTheBatchAndCommitsItBeforeLeaving() throws Exception {
        newTopic(1);
        send(0, "a", null);
        send(0, "b", null);
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MailConsumer<String> consumer = groupConsumer(batch -> {
            inHandler.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Collections.nCopies(batch.size(), null);
        }, fast(0));
        start(consumer);
        assertThat(inHandler.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Thread stopper = Thread.ofPlatform().start(consumer::stop);
        await().atMost(WAIT).until(() -> !consumer.isRunning() || stopper.getState() == Thread.State.TIMED_WAITING);
        release.countDown();
        stopper.join(WAIT.toMillis());

        assertThat(consumer.isRunning()).isFalse();
        assertThat(committed(0)).isEqualTo(2);
        assertThat(admin.describeConsumerGroups(List.of(group)).all().get().get(group).members())
                .as("the group was left").isEmpty();
    }

    @Test
    void settingsFixTheCommitDisciplineAndTheFetchSizes() {
        MailConsumerSettings settings = new MailConsumerSettings("broker:9092", new MailSizeLimits(10 * MailSizeLimits.MIB,
                MailSizeLimits.MIB), Duration.ofMinutes(7), Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true,
                "security.protocol", "SSL", ConsumerConfig.GROUP_ID_CONFIG, "from-spring"));
        Map<String, Object> inGroup = settings.properties("c-1", "g", 20, null, Duration.ofMillis(100), 4096);
        assertThat(inGroup).containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "g")
                .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "c-1")
                .containsEntry("security.protocol", "SSL")
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 7 * 60_000)
                .containsEntry(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                        settings.sizeLimits().topicMaxMessageBytes())
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100)
                .containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 4096);
        Map<String, Object> broadcast = settings.properties("c-2", null, 20, Duration.ofMinutes(1), null, 1);
        assertThat(broadcast).doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG)
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest")
                .containsEntry(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 60_000)
                .doesNotContainKey(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);
        assertThatThrownBy(() -> MailConsumer.<String>group("x", "t", "g", settings).decoder(MailConsumerTest::text)
                .handler(b -> List.of()).build()).hasMessageContaining("dead-letter");
    }

    private MailConsumer<String> groupConsumer(BatchHandler<String> handler, RetryPolicy retry) {
        return groupConsumer(handler, retry, null);
    }

    private MailConsumer<String> groupConsumer(BatchHandler<String> handler, RetryPolicy retry,
                                               DueSchedule<String> schedule) {
        return MailConsumer.<String>group("test-" + group, topic, group, settings())
                .decoder(MailConsumerTest::text)
                .handler(handler)
                .schedule(schedule)
                .retry(retry)
                .deadLetters(new DeadLetterPublisher(sender, "test"))
                .build();
    }

    private static RetryPolicy fast(int attempts) {
        return new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(200), attempts, null);
    }

    private static DueSchedule<String> dueFromHeader() {
        return new DueSchedule<>() {
            @Override
            public Instant dueAt(Consumed<String> record) {
                Header due = record.raw().headers().lastHeader(DUE_HEADER);
                return due == null ? null : Instant.parse(new String(due.value(), StandardCharsets.UTF_8));
            }

            @Override
            public Instant receivedAt(Consumed<String> record) {
                return Instant.ofEpochMilli(record.raw().timestamp());
            }
        };
    }

    private void start(MailConsumer<?> consumer) {
        started.add(consumer);
        consumer.start();
    }

    private static MailConsumerSettings settings() {
        return MailConsumerSettings.forBootstrapServers(TestKafka.get().bootstrapServers());
    }

    private static String text(ConsumerRecord<byte[], byte[]> raw) {
        return new String(raw.value(), StandardCharsets.UTF_8);
    }

    private void newTopic(int partitions) throws Exception {
        topic = "test.consume-" + UUID.randomUUID();
        group = "test-group-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    private void send(int partition, String value, Instant due) throws Exception {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition, null,
                value.getBytes(StandardCharsets.UTF_8));
        if (due != null) {
            record.headers().add(DUE_HEADER, due.toString().getBytes(StandardCharsets.UTF_8));
        }
        producer.send(record).get(30, TimeUnit.SECONDS);
    }

    private long committed(int partition) throws Exception {
        OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS).get(new TopicPartition(topic, partition));
        return offset == null ? 0 : offset.offset();
    }

    /** The dead letters parked from {@code from}, in order, once {@code count} of them are there. */
    private static List<ConsumerRecord<byte[], byte[]>> deadLettersFrom(String from, int count) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(MailTopics.DEAD_LETTER, 0);
            reader.assign(List.of(partition));
            reader.seekToBeginning(List.of(partition));
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(500))) {
                    if (from.equals(header(r, MailHeaders.DLT_TOPIC))) {
                        found.add(r);
                    }
                }
                return found.size() >= count;
            });
        }
        return found;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
