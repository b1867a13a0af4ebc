package org.mailplatform.records.consume;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.mailplatform.records.publish.DeadLetterPublisher;
import org.mailplatform.records.publish.PublishException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka consumer of one topic on a thread of its own: polls a batch, parks unreadable records
 * on the dead-letter topic, holds back records that are not due by pausing their partition until
 * they are, hands the rest to the handler, and commits each partition's offset only past the
 * records that are done (see the package documentation for the whole discipline).
 *
 * <p>In a group ({@link Builder#group}) the partitions are shared with the group's other members
 * and offsets are committed. Without one ({@link Builder#broadcast}) the consumer takes every
 * partition at its end, commits nothing, and reads partitions added to the topic later from their
 * first record (everything in them was written after it started).
 *
 * @param <T> the decoded record type
 */
public final class MailConsumer<T> {

    private static final Logger log = LoggerFactory.getLogger(MailConsumer.class);
    private static final Duration MAX_POLL_WAIT = Duration.ofSeconds(1);
    private static final Duration LAG_INTERVAL = Duration.ofSeconds(10);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final String topic;
    private final String group;
    private final Map<String, Object> config;
    private final RecordDecoder<T> decoder;
    private final BatchHandler<T> handler;
    private final DueSchedule<T> schedule;
    private final RetryPolicy retry;
    private final DeadLetterPublisher deadLetters;
    private final ConsumerObserver observer;
    private final MeterRegistry registry;
    private final boolean clientMeters;
    private final Duration partitionCheck;
    private final Duration stopTimeout;
    private final Clock clock;
    private final ConsumerStats stats;

    // Touched by the consumer thread only.
    private final Map<TopicPartition, Instant> pausedUntil = new HashMap<>();
    private final Map<TopicPartition, Instant> heldReceivedAt = new HashMap<>();
    private final Map<TopicPartition, Failures> failures = new HashMap<>();
    private final Set<TopicPartition> broadcastPartitions = new HashSet<>();
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private Instant lagMeasuredAt = Instant.EPOCH;
    private Instant partitionsCheckedAt = Instant.EPOCH;
    private ConsumerMeters meters;

    private volatile boolean running;
    private volatile boolean polling;
    private volatile boolean pausedAll;
    private volatile boolean pauseApplied;
    private volatile boolean assigned;
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Thread thread;

    /** The failures in a row of the record at the head of a partition. */
    private record Failures(long offset, int count) {
    }

    private MailConsumer(Builder<T> b) {
        this.name = b.name;
        this.topic = b.topic;
        this.group = b.group;
        this.config = b.settings.properties(b.name, b.group, b.maxPollRecords, b.maxPollInterval, b.fetchMaxWait,
                b.fetchMinBytes);
        this.decoder = b.decoder;
        this.handler = b.handler;
        this.schedule = b.schedule;
        this.retry = b.retry;
        this.deadLetters = b.deadLetters;
        this.observer = b.observer;
        this.registry = b.registry;
        this.clientMeters = b.clientMeters;
        this.partitionCheck = b.partitionCheck;
        this.stopTimeout = b.stopTimeout;
        this.clock = b.clock;
        this.stats = new ConsumerStats(b.topic);
        if (group == null) {
            // The consumer's metadata is as old as the partition list may be, so the list is fresh.
            config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG,
                    (int) partitionCheck.toMillis());
        }
    }

    /** A consumer in {@code group}: it shares the partitions with the group and commits what is done. */
    public static <T> Builder<T> group(String name, String topic, String group, MailConsumerSettings settings) {
        return new Builder<>(name, topic, Objects.requireNonNull(group, "group"), settings);
    }

    /** A consumer with no group: every partition from its end, nothing committed. */
    public static <T> Builder<T> broadcast(String name, String topic, MailConsumerSettings settings) {
        return new Builder<>(name, topic, null, settings);
    }

    public String name() {
        return name;
    }

    public String topic() {
        return topic;
    }

    public ConsumerStats stats() {
        return stats;
    }

    /** Client properties the consumer is made with (for tests and the docs). */
    Map<String, Object> config() {
        return Collections.unmodifiableMap(config);
    }

    /**
     * True once the consumer holds partitions: in a group, once the group assigned some; without
     * one, once its positions at the end of every partition are fixed, so that records written
     * from now on arrive.
     */
    public boolean isAssigned() {
        return assigned;
    }

    /** The partitions the consumer holds now. */
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    public boolean isRunning() {
        return running;
    }

    /** Starts the consumer's thread. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name(name).daemon(false).start(this::run);
    }

    /**
     * Ends the loop and waits for it: a batch being handled is finished and its offsets committed
     * first, then the consumer leaves its group and closes.
     */
    public void stop() {
        requestStop();
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(stopTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Tells the loop to end without waiting for it (several consumers stop together, then {@link #stop()} each). */
    public void requestStop() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        // Only a consumer waiting in poll() is woken: woken in a commit, it would lose the batch's offsets.
        if (c != null && polling) {
            c.wakeup();
        }
    }

    /** Stops fetching from every partition while keeping them (and the group membership); see {@link #resume()}. */
    public void pause() {
        pausedAll = true;
    }

    public void resume() {
        pausedAll = false;
    }

    /** True once a {@link #pause()} took effect: nothing more is fetched until {@link #resume()}. */
    public boolean isPaused() {
        return pausedAll && pauseApplied;
    }

    private void run() {
        // A consumer started again begins afresh: its partitions come from the group (or the topic) again.
        pausedUntil.clear();
        heldReceivedAt.clear();
        failures.clear();
        broadcastPartitions.clear();
        uncommitted.clear();
        lagMeasuredAt = Instant.EPOCH;
        KafkaConsumer<byte[], byte[]> c = null;
        try {
            c = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            consumer = c;
            if (registry != null) {
                meters = new ConsumerMeters(registry, group != null ? group : name, topic, name, stats);
                if (clientMeters) {
                    meters.bind(c);
                }
            }
            if (group != null) {
                c.subscribe(List.of(topic), new Rebalance());
            } else {
                startAtEnd(c);
            }
            while (running) {
                try {
                    step(c);
                } catch (RetriableException e) {
                    // The broker is away; the next step polls (and commits) again once it is back.
                    log.warn("{}: {}; trying again", name, e.toString());
                    Thread.sleep(RETRY_PAUSE);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("{}: unexpected wakeup", name, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("{}: consumer loop ended", name, e);
        } finally {
            if (meters != null) {
                meters.remove();
                meters = null;
            }
            if (c != null) {
                // Leaves the group at once, so its partitions go to the other members without waiting for a timeout.
                c.close(CloseOptions.timeout(CLOSE_TIMEOUT));
            }
            consumer = null;
            assigned = false;
            assignment = Set.of();
            running = false;
            log.info("{}: stopped", name);
        }
    }

    private void step(KafkaConsumer<byte[], byte[]> c) {
        Instant now = clock.instant();
        resumeDue(c, now);
        ConsumerRecords<byte[], byte[]> records;
        polling = true;
        try {
            if (!running) {
                return;
            }
            records = c.poll(pollWait(now));
        } finally {
            polling = false;
        }
        measureLag(c);
        if (group == null) {
            addNewPartitions(c);
        }
        if (records.isEmpty()) {
            updateOldest(null);
            commit(c, Map.of());
            return;
        }
        now = clock.instant();
        List<Consumed<T>> batch = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        Instant oldestInBatch = null;
        for (TopicPartition partition : records.partitions()) {
            boolean head = true;
            for (ConsumerRecord<byte[], byte[]> raw : records.records(partition)) {
                T value;
                try {
                    value = decoder.decode(raw);
                } catch (RuntimeException e) {
                    if (!head) {
                        // Parked only at the head of its partition, once everything before it is done:
                        // else a failure before it would rewind the partition and park it twice.
                        c.seek(partition, raw.offset());
                        break;
                    }
                    if (!park(raw, e, true)) {
                        hold(c, partition, raw.offset(), now.plus(nextBackoff(partition, raw.offset())), null);
                        break;
                    }
                    commit.put(partition, new OffsetAndMetadata(raw.offset() + 1));
                    continue;
                }
                Consumed<T> item = new Consumed<>(raw, value);
                Instant due = schedule == null ? null : schedule.dueAt(item);
                if (due != null && due.isAfter(now)) {
                    hold(c, partition, raw.offset(), due, schedule.receivedAt(item));
                    break;
                }
                head = false;
                Instant received = schedule == null ? null : schedule.receivedAt(item);
                if (received != null && (oldestInBatch == null || received.isBefore(oldestInBatch))) {
                    oldestInBatch = received;
                }
                batch.add(item);
            }
        }
        updateOldest(oldestInBatch);
        if (!batch.isEmpty()) {
            if (meters != null) {
                meters.batch(batch.size());
            }
            settle(c, batch, handle(batch), commit);
        }
        updateOldest(null);
        commit(c, commit);
    }

    private List<Exception> handle(List<Consumed<T>> batch) {
        try {
            List<Exception> results = handler.handle(batch);
            if (results == null || results.size() != batch.size()) {
                throw new IllegalStateException("the handler returned " + (results == null ? "no" : results.size())
                        + " results for " + batch.size() + " records");
            }
            return results;
        } catch (RuntimeException e) {
            log.warn("{}: a batch of {} records failed: {}", name, batch.size(), e.toString());
            return Collections.nCopies(batch.size(), e);
        }
    }

    /** Marks what is done for commit, and holds or parks each partition's first record that is not. */
    private void settle(KafkaConsumer<byte[], byte[]> c, List<Consumed<T>> batch, List<Exception> results,
                        Map<TopicPartition, OffsetAndMetadata> commit) {
        Set<TopicPartition> stopped = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            ConsumerRecord<byte[], byte[]> raw = batch.get(i).raw();
            TopicPartition partition = batch.get(i).partition();
            if (stopped.contains(partition)) {
                continue;
            }
            Exception failure = results.get(i);
            if (failure == null) {
                commit.put(partition, new OffsetAndMetadata(raw.offset() + 1));
                failures.remove(partition);
                continue;
            }
            stopped.add(partition);
            int count = failed(partition, raw.offset());
            if (retry.givesUp(count, failure)) {
                if (deadLetters == null) {
                    log.error("{}: record {}-{}@{} failed {} times; skipped: {}", name, raw.topic(), raw.partition(),
                            raw.offset(), count, failure.toString());
                    count("skipped");
                    skip(c, partition, raw.offset(), commit);
                } else if (park(raw, failure, false)) {
                    skip(c, partition, raw.offset(), commit);
                } else {
                    hold(c, partition, raw.offset(), clock.instant().plus(retry.backoff(count)), null);
                }
            } else {
                log.warn("{}: record {}-{}@{} will be tried again (failure {}): {}", name, raw.topic(),
                        raw.partition(), raw.offset(), count, failure.toString());
                count("retried");
                hold(c, partition, raw.offset(), clock.instant().plus(retry.backoff(count)), null);
            }
        }
    }

    /** Moves past a record that was given up on: the records after it are fetched again. */
    private void skip(KafkaConsumer<byte[], byte[]> c, TopicPartition partition, long offset,
                      Map<TopicPartition, OffsetAndMetadata> commit) {
        commit.put(partition, new OffsetAndMetadata(offset + 1));
        failures.remove(partition);
        c.seek(partition, offset + 1);
    }

    private int failed(TopicPartition partition, long offset) {
        Failures before = failures.get(partition);
        int count = before != null && before.offset() == offset ? before.count() + 1 : 1;
        failures.put(partition, new Failures(offset, count));
        return count;
    }

    private Duration nextBackoff(TopicPartition partition, long offset) {
        return retry.backoff(failed(partition, offset));
    }

    /**
     * Parks a record on the dead-letter topic; false when the topic did not take it (the partition
     * then waits and the record is tried again). A consumer without dead letters (broadcast) logs
     * and skips it: it only ever affects this replica.
     */
    private boolean park(ConsumerRecord<byte[], byte[]> raw, Exception cause, boolean unreadable) {
        if (deadLetters == null) {
            log.warn("{}: {} record {}-{}@{} skipped: {}", name, unreadable ? "unreadable" : "failing", raw.topic(),
                    raw.partition(), raw.offset(), cause.toString());
            count(unreadable ? "unreadable" : "skipped");
            return true;
        }
        try {
            deadLetters.publish(raw, cause);
        } catch (PublishException e) {
            log.error("{}: record {}-{}@{} could not be dead-lettered: {}", name, raw.topic(), raw.partition(),
                    raw.offset(), e.getMessage());
            return false;
        }
        log.error("{}: {} record {}-{}@{} moved to the dead-letter topic: {}", name,
                unreadable ? "unreadable" : "failing", raw.topic(), raw.partition(), raw.offset(), cause.toString());
        count(unreadable ? "unreadable" : "dead_lettered");
        observer.deadLettered(raw, cause, unreadable);
        return true;
    }

    private void count(String outcome) {
        if (meters != null) {
            meters.failure(outcome).increment();
        }
    }

    private void commit(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, OffsetAndMetadata> commit) {
        if (group == null) {
            return;
        }
        // Offsets of done records wait here until the broker took them; later ones of a partition replace earlier.
        uncommitted.putAll(commit);
        if (uncommitted.isEmpty()) {
            return;
        }
        try {
            try {
                c.commitSync(uncommitted);
            } catch (WakeupException e) {
                // A stop() raced with the end of poll(); the wakeup is spent, the commit goes through now.
                c.commitSync(uncommitted);
            }
            uncommitted.clear();
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The partitions moved to another member, which starts again from the last commit.
            log.warn("{}: offsets not committed after a rebalance: {}", name, e.getMessage());
            uncommitted.clear();
        } catch (KafkaException e) {
            // The broker is away (a timeout, a lost coordinator): the records stay done, their offsets are
            // committed with the next ones. Ending the loop here would stop the service consuming for good.
            log.warn("{}: offsets not committed yet, tried again with the next batch: {}", name, e.toString());
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

    private void resumeDue(KafkaConsumer<byte[], byte[]> c, Instant now) {
        if (pausedAll) {
            c.pause(c.assignment());
            pauseApplied = true;
            return;
        }
        pauseApplied = false;
        List<TopicPartition> due = new ArrayList<>();
        for (TopicPartition partition : c.paused()) {
            Instant until = pausedUntil.get(partition);
            if (until == null || !until.isAfter(now)) {
                due.add(partition);
            }
        }
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
        Set<TopicPartition> held = c.assignment();
        if (held.isEmpty()) {
            stats.lag.set(0);
            return;
        }
        try {
            Map<TopicPartition, Long> ends = c.endOffsets(held, Duration.ofSeconds(5));
            long lag = 0;
            for (TopicPartition partition : held) {
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

    /** Takes every partition and fixes its position at the current end, retrying while the broker cannot be reached. */
    private void startAtEnd(KafkaConsumer<byte[], byte[]> c) throws InterruptedException {
        while (running) {
            try {
                Set<TopicPartition> partitions = wakeable(() -> partitionsOf(c));
                if (!partitions.isEmpty()) {
                    c.assign(partitions);
                    c.seekToEnd(partitions);
                    // seekToEnd is lazy: position() asks the broker now, so that "assigned" means fixed.
                    partitions.forEach(c::position);
                    broadcastPartitions.addAll(partitions);
                    assignment = Set.copyOf(partitions);
                    partitionsCheckedAt = clock.instant();
                    assigned = true;
                    return;
                }
                log.warn("{}: {} has no partitions yet", name, topic);
            } catch (TimeoutException e) {
                log.warn("{}: cannot list the partitions of {} yet: {}", name, topic, e.getMessage());
            }
            Thread.sleep(RETRY_PAUSE);
        }
    }

    private void addNewPartitions(KafkaConsumer<byte[], byte[]> c) {
        Instant now = clock.instant();
        if (Duration.between(partitionsCheckedAt, now).compareTo(partitionCheck) < 0) {
            return;
        }
        partitionsCheckedAt = now;
        Set<TopicPartition> added;
        try {
            added = wakeable(() -> partitionsOf(c));
        } catch (TimeoutException e) {
            return;
        }
        added.removeAll(broadcastPartitions);
        if (added.isEmpty()) {
            return;
        }
        broadcastPartitions.addAll(added);
        c.assign(broadcastPartitions);
        c.seekToBeginning(added);
        assignment = Set.copyOf(broadcastPartitions);
        log.info("{}: reading the new partitions {} of {}", name, added, topic);
    }

    /** Runs a broker call that {@link #stop()} may cut short: nothing is pending that a wakeup could lose. */
    private <R> R wakeable(java.util.function.Supplier<R> call) {
        polling = true;
        try {
            if (!running) {
                throw new WakeupException();
            }
            return call.get();
        } finally {
            polling = false;
        }
    }

    private Set<TopicPartition> partitionsOf(KafkaConsumer<byte[], byte[]> c) {
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
        Set<TopicPartition> partitions = new HashSet<>();
        if (infos != null) {
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        return partitions;
    }

    /** Partitions taken away lose their pauses and failure counts; new ones start from the committed offset. */
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
            KafkaConsumer<byte[], byte[]> c = consumer;
            assignment = c == null ? Set.copyOf(partitions) : Set.copyOf(c.assignment());
            assigned = !assignment.isEmpty();
            log.info("{}: assigned {}", name, partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            partitions.forEach(pausedUntil::remove);
            partitions.forEach(heldReceivedAt::remove);
            partitions.forEach(failures::remove);
            // Offsets the broker has not taken yet go with the partitions: the next owner repeats those records.
            partitions.forEach(uncommitted::remove);
            KafkaConsumer<byte[], byte[]> c = consumer;
            assignment = c == null ? Set.of() : Set.copyOf(c.assignment());
            Set<TopicPartition> left = new HashSet<>(assignment);
            partitions.forEach(left::remove);
            assignment = Set.copyOf(left);
            assigned = !assignment.isEmpty();
        }
    }

    /** What a consumer is made of; {@link #build()} checks that it can keep the commit discipline. */
    public static final class Builder<T> {
        private final String name;
        private final String topic;
        private final String group;
        private final MailConsumerSettings settings;
        private int maxPollRecords = 500;
        private Duration maxPollInterval;
        private Duration fetchMaxWait;
        private int fetchMinBytes = 1;
        private RecordDecoder<T> decoder;
        private BatchHandler<T> handler;
        private DueSchedule<T> schedule;
        private RetryPolicy retry = RetryPolicy.forever(Duration.ofSeconds(1), Duration.ofMinutes(1));
        private DeadLetterPublisher deadLetters;
        private ConsumerObserver observer = ConsumerObserver.NONE;
        private MeterRegistry registry;
        private boolean clientMeters;
        private Duration partitionCheck = Duration.ofSeconds(30);
        private Duration stopTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        private Builder(String name, String topic, String group, MailConsumerSettings settings) {
            this.name = Objects.requireNonNull(name, "name");
            this.topic = Objects.requireNonNull(topic, "topic");
            this.group = group;
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        public Builder<T> decoder(RecordDecoder<T> value) {
            this.decoder = value;
            return this;
        }

        public Builder<T> handler(BatchHandler<T> value) {
            this.handler = value;
            return this;
        }

        /** Records that are not due hold their partition until they are. */
        public Builder<T> schedule(DueSchedule<T> value) {
            this.schedule = value;
            return this;
        }

        public Builder<T> retry(RetryPolicy value) {
            this.retry = Objects.requireNonNull(value);
            return this;
        }

        /** Where unreadable records and records that failed their attempts go; required in a group. */
        public Builder<T> deadLetters(DeadLetterPublisher value) {
            this.deadLetters = value;
            return this;
        }

        public Builder<T> observer(ConsumerObserver value) {
            this.observer = Objects.requireNonNull(value);
            return this;
        }

        /** The runtime's meters ({@code mail_consumer_*}) go here; null for none. */
        public Builder<T> meters(MeterRegistry value) {
            this.registry = value;
            return this;
        }

        /**
         * The Kafka client's own meters ({@code kafka_consumer_*}) go to the {@link #meters} registry
         * too. Not for consumers whose lag is mail waiting on purpose (the MTA's retry tiers), which
         * would trip the consumer lag alert.
         */
        public Builder<T> clientMeters(boolean value) {
            this.clientMeters = value;
            return this;
        }

        /** max.poll.records: the largest batch. */
        public Builder<T> maxPollRecords(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("max poll records must be at least 1");
            }
            this.maxPollRecords = value;
            return this;
        }

        /** max.poll.interval.ms, instead of the settings' for this consumer: the longest a batch may take. */
        public Builder<T> maxPollInterval(Duration value) {
            this.maxPollInterval = value;
            return this;
        }

        /** Lets the broker hold a fetch back up to {@code wait} until {@code minBytes} are there, for fuller batches. */
        public Builder<T> fetchWait(Duration wait, int minBytes) {
            this.fetchMaxWait = wait;
            this.fetchMinBytes = minBytes;
            return this;
        }

        /** Broadcast: how often the topic's partitions are listed again. */
        public Builder<T> partitionCheck(Duration value) {
            this.partitionCheck = value;
            return this;
        }

        /** How long {@link MailConsumer#stop()} waits for a batch to finish. */
        public Builder<T> stopTimeout(Duration value) {
            this.stopTimeout = value;
            return this;
        }

        public Builder<T> clock(Clock value) {
            this.clock = value;
            return this;
        }

        public MailConsumer<T> build() {
            Objects.requireNonNull(decoder, "decoder");
            Objects.requireNonNull(handler, "handler");
            if (group != null && deadLetters == null) {
                // In a group a record given up on must be parked somewhere before its offset is committed.
                throw new IllegalStateException(name + ": a consumer in a group needs the dead-letter publisher");
            }
            return new MailConsumer<>(this);
        }
    }
}
