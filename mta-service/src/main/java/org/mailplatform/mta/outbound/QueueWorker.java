package org.mailplatform.mta.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.mailplatform.records.publish.DeadLetterPublisher;
import org.mailplatform.records.publish.PublishException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of one topic: polls, parks unreadable records on the dead-letter topic, holds back
 * records that are not due yet by pausing their partition until they are (the other partitions
 * keep flowing), hands the rest to a handler as one batch, and commits a partition's offset only
 * up to the first record the handler could not finish. A record that failed is tried again after
 * a growing pause of its partition.
 *
 * @param <T> the decoded record type
 */
final class QueueWorker<T> implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(QueueWorker.class);
    private static final Duration MAX_POLL_WAIT = Duration.ofSeconds(1);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private static final Duration LAG_INTERVAL = Duration.ofSeconds(10);

    /** A decoded record with the Kafka record it came from. */
    record Item<T>(ConsumerRecord<byte[], byte[]> raw, T value) {
    }

    interface Decoder<T> {
        /** @throws RuntimeException when the record cannot be read; it goes to the dead-letter topic */
        T decode(ConsumerRecord<byte[], byte[]> raw);
    }

    interface Handler<T> {
        /** One entry per item, in order: null when done, else why it must be tried again. */
        List<Exception> handle(List<Item<T>> items);
    }

    interface Schedule<T> {
        /** When the item may be processed; null or a past instant for now. */
        Instant dueAt(Item<T> item);

        /** When the message arrived, for the queue-age gauge; null when unknown. */
        Instant receivedAt(Item<T> item);
    }

    /** What the metrics read from a running worker. */
    static final class Stats {
        private final String topic;
        private final AtomicLong lag = new AtomicLong();
        private final AtomicReference<Instant> oldest = new AtomicReference<>();

        Stats(String topic) {
            this.topic = topic;
        }

        String topic() {
            return topic;
        }

        long lag() {
            return lag.get();
        }

        Instant oldestReceivedAt() {
            return oldest.get();
        }
    }

    private final String name;
    private final String topic;
    private final Map<String, Object> config;
    private final Decoder<T> decoder;
    private final Handler<T> handler;
    private final Schedule<T> schedule;
    private final DeadLetterPublisher deadLetters;
    private final Clock clock;
    private final Stats stats;

    private final Map<TopicPartition, Instant> pausedUntil = new HashMap<>();
    private final Map<TopicPartition, Instant> heldReceivedAt = new HashMap<>();
    private final Map<TopicPartition, Duration> backoff = new HashMap<>();
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Instant lagMeasuredAt = Instant.EPOCH;

    QueueWorker(String name, String topic, Map<String, Object> config, Decoder<T> decoder, Handler<T> handler,
                Schedule<T> schedule, DeadLetterPublisher deadLetters, Clock clock) {
        this.name = name;
        this.topic = topic;
        this.config = config;
        this.decoder = decoder;
        this.handler = handler;
        this.schedule = schedule;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.stats = new Stats(topic);
    }

    Stats stats() {
        return stats;
    }

    String name() {
        return name;
    }

    /** Ends the loop at its next step; the consumer leaves the group and closes. */
    void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public void run() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = c;
            if (!running) {
                return;
            }
            c.subscribe(List.of(topic), new Rebalance());
            while (running) {
                step(c);
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("{}: unexpected wakeup", name, e);
            }
        } catch (RuntimeException e) {
            log.error("{}: consumer loop ended", name, e);
        } finally {
            consumer = null;
            log.info("{}: stopped", name);
        }
    }

    private void step(KafkaConsumer<byte[], byte[]> c) {
        Instant now = clock.instant();
        resumeDue(c, now);
        ConsumerRecords<byte[], byte[]> records = c.poll(pollWait(now));
        measureLag(c);
        if (records.isEmpty()) {
            updateOldest(null);
            return;
        }
        now = clock.instant();
        List<Item<T>> batch = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        Instant oldestInBatch = null;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<byte[], byte[]> raw : records.records(partition)) {
                T value;
                try {
                    value = decoder.decode(raw);
                } catch (RuntimeException e) {
                    if (!deadLetter(raw, e)) {
                        hold(c, partition, raw.offset(), failureBackoff(partition, now), null);
                        break;
                    }
                    commit.put(partition, new OffsetAndMetadata(raw.offset() + 1));
                    continue;
                }
                Item<T> item = new Item<>(raw, value);
                Instant due = schedule == null ? null : schedule.dueAt(item);
                if (due != null && due.isAfter(now)) {
                    // Records of a tier wait in due order, so the head waits for all behind it.
                    hold(c, partition, raw.offset(), due, schedule.receivedAt(item));
                    break;
                }
                Instant received = schedule == null ? null : schedule.receivedAt(item);
                if (received != null && (oldestInBatch == null || received.isBefore(oldestInBatch))) {
                    oldestInBatch = received;
                }
                batch.add(item);
            }
        }
        updateOldest(oldestInBatch);
        if (!batch.isEmpty()) {
            List<Exception> failures = handler.handle(batch);
            Set<TopicPartition> stopped = new HashSet<>();
            for (int i = 0; i < batch.size(); i++) {
                ConsumerRecord<byte[], byte[]> raw = batch.get(i).raw();
                TopicPartition partition = new TopicPartition(raw.topic(), raw.partition());
                if (stopped.contains(partition)) {
                    continue;
                }
                Exception failure = failures.get(i);
                if (failure == null) {
                    commit.put(partition, new OffsetAndMetadata(raw.offset() + 1));
                    backoff.remove(partition);
                } else {
                    stopped.add(partition);
                    log.warn("{}: record {}-{}@{} will be tried again: {}", name, raw.topic(), raw.partition(),
                            raw.offset(), failure.toString());
                    hold(c, partition, raw.offset(), failureBackoff(partition, clock.instant()), null);
                }
            }
        }
        updateOldest(null);
        if (!commit.isEmpty()) {
            try {
                c.commitSync(commit);
            } catch (CommitFailedException e) {
                // The partitions moved to another consumer, which starts again from the last commit.
                log.warn("{}: offsets not committed after a rebalance: {}", name, e.getMessage());
            }
        }
    }

    private boolean deadLetter(ConsumerRecord<byte[], byte[]> raw, Exception cause) {
        try {
            deadLetters.publish(raw, cause);
            log.error("{}: unreadable record {}-{}@{} moved to the dead-letter topic: {}", name, raw.topic(),
                    raw.partition(), raw.offset(), cause.getMessage());
            return true;
        } catch (PublishException e) {
            log.error("{}: unreadable record {}-{}@{} could not be dead-lettered: {}", name, raw.topic(),
                    raw.partition(), raw.offset(), e.getMessage());
            return false;
        }
    }

    /** Rewinds the partition to {@code offset} and pauses it until {@code until}. */
    private void hold(KafkaConsumer<byte[], byte[]> c, TopicPartition partition, long offset, Instant until,
                      Instant receivedAt) {
        c.seek(partition, offset);
        c.pause(List.of(partition));
        pausedUntil.put(partition, until);
        if (receivedAt != null) {
            heldReceivedAt.put(partition, receivedAt);
        } else {
            heldReceivedAt.remove(partition);
        }
    }

    private Instant failureBackoff(TopicPartition partition, Instant now) {
        Duration next = backoff.getOrDefault(partition, FIRST_BACKOFF);
        backoff.put(partition, next.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next.multipliedBy(2));
        return now.plus(next);
    }

    private void resumeDue(KafkaConsumer<byte[], byte[]> c, Instant now) {
        List<TopicPartition> due = new ArrayList<>();
        pausedUntil.forEach((partition, until) -> {
            if (!until.isAfter(now)) {
                due.add(partition);
            }
        });
        if (!due.isEmpty()) {
            due.forEach(pausedUntil::remove);
            due.forEach(heldReceivedAt::remove);
            c.resume(due);
        }
    }

    private Duration pollWait(Instant now) {
        Duration wait = MAX_POLL_WAIT;
        for (Instant until : pausedUntil.values()) {
            Duration left = Duration.between(now, until);
            if (left.compareTo(wait) < 0) {
                wait = left;
            }
        }
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private void measureLag(KafkaConsumer<byte[], byte[]> c) {
        Instant now = clock.instant();
        if (Duration.between(lagMeasuredAt, now).compareTo(LAG_INTERVAL) < 0) {
            return;
        }
        lagMeasuredAt = now;
        Set<TopicPartition> assigned = c.assignment();
        if (assigned.isEmpty()) {
            stats.lag.set(0);
            return;
        }
        try {
            Map<TopicPartition, Long> ends = c.endOffsets(assigned, Duration.ofSeconds(5));
            long lag = 0;
            for (TopicPartition partition : assigned) {
                Long end = ends.get(partition);
                if (end != null) {
                    lag += Math.max(0, end - c.position(partition, Duration.ofSeconds(5)));
                }
            }
            stats.lag.set(lag);
        } catch (KafkaException e) {
            log.debug("{}: lag not measured: {}", name, e.toString());
        }
    }

    private void updateOldest(Instant inBatch) {
        Instant oldest = inBatch;
        for (Instant held : heldReceivedAt.values()) {
            if (oldest == null || held.isBefore(oldest)) {
                oldest = held;
            }
        }
        stats.oldest.set(oldest);
    }

    /** Partitions taken away lose their pauses; new ones start from the committed offset. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            log.info("{}: assigned {}", name, partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            partitions.forEach(pausedUntil::remove);
            partitions.forEach(heldReceivedAt::remove);
            partitions.forEach(backoff::remove);
        }
    }
}
