package org.mailplatform.imap.sync;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.mailplatform.records.MailboxEvent;
import org.mailplatform.records.codec.MailboxEventDeserializer;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.records.tracing.MailSpan;
import org.mailplatform.records.tracing.MailTracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads every partition of {@code mailbox.events}, so that every replica sees every event, and
 * wakes the sessions of this replica that have the mailbox selected (RFC 2177 IDLE pushes; the
 * next command of any other session reads the store anyway). Events this replica published itself
 * were already handed to its sessions and are skipped.
 *
 * <p>No consumer group: the events are live notifications, so a replica starts at the end of each
 * partition and never commits a position (what happened before it ran, its sessions read from the
 * store when they select a mailbox). A group per replica would outlive the replica: every restart
 * would leave a group behind whose lag grows for as long as the topic's retention.
 * Partitions added to the topic later are picked up within 30 seconds, read from
 * their first record, since everything in them was published after this replica started.
 * With tracing on, waking the sessions is a span ({@value #SPAN_NAME}) in the trace of the
 * message the event is about.
 */
public final class MailboxEventListener implements SmartLifecycle {

    public static final String SPAN_NAME = "imap.push";

    private static final Logger log = LoggerFactory.getLogger(MailboxEventListener.class);

    /** How often the topic's partitions are listed again; also the consumer's metadata age, so the list is fresh. */
    private static final Duration PARTITION_CHECK = Duration.ofSeconds(30);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final Map<String, Object> consumerProperties;
    private final String topic;
    private final Duration partitionCheck;
    private final SessionRegistry registry;
    private final String replicaId;
    private final MailTracing tracing;
    private volatile KafkaConsumer<byte[], MailboxEvent> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile boolean assigned;

    /** @param clientProperties connection settings ({@code spring.kafka.*}); the rest is set here */
    public MailboxEventListener(Map<String, Object> clientProperties, SessionRegistry registry, String replicaId,
                                MailTracing tracing) {
        this(clientProperties, registry, replicaId, MailTopics.MAILBOX_EVENTS, PARTITION_CHECK, tracing);
    }

    MailboxEventListener(Map<String, Object> clientProperties, SessionRegistry registry, String replicaId, String topic,
                         Duration partitionCheck) {
        this(clientProperties, registry, replicaId, topic, partitionCheck, MailTracing.OFF);
    }

    MailboxEventListener(Map<String, Object> clientProperties, SessionRegistry registry, String replicaId, String topic,
                         Duration partitionCheck, MailTracing tracing) {
        this.tracing = tracing;
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A position the broker no longer has (the topic's retention passed it) goes to the newest record.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) partitionCheck.toMillis());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, MailboxEventDeserializer.class);
        this.consumerProperties = props;
        this.topic = topic;
        this.partitionCheck = partitionCheck;
        this.registry = registry;
        this.replicaId = replicaId;
    }

    @Override
    public void start() {
        consumer = new KafkaConsumer<>(consumerProperties);
        running = true;
        thread = Thread.ofPlatform().name("imap-mailbox-events").daemon().start(this::run);
    }

    /** True once this replica's positions at the end of every partition are fixed: events published from now on arrive. */
    public boolean isAssigned() {
        return assigned;
    }

    private void run() {
        KafkaConsumer<byte[], MailboxEvent> c = consumer;
        try {
            Set<TopicPartition> partitions = startAtEnd(c);
            long nextCheck = System.nanoTime() + partitionCheck.toNanos();
            while (running) {
                try {
                    for (ConsumerRecord<byte[], MailboxEvent> record : c.poll(Duration.ofMillis(500))) {
                        dispatch(record);
                    }
                } catch (RecordDeserializationException e) {
                    log.warn("unreadable mailbox event at {} offset {}: {}", e.topicPartition(), e.offset(), e.getMessage());
                    c.seek(e.topicPartition(), e.offset() + 1);
                }
                if (System.nanoTime() - nextCheck >= 0) {
                    addNewPartitions(c, partitions);
                    nextCheck = System.nanoTime() + partitionCheck.toNanos();
                }
            }
        } catch (WakeupException e) {
            // stop() woke the consumer up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("mailbox event consumer stopped", e);
        } finally {
            c.close(Duration.ofSeconds(5));
        }
    }

    /** Takes every partition and fixes its position at the current end, retrying while the broker cannot be reached. */
    private Set<TopicPartition> startAtEnd(KafkaConsumer<byte[], MailboxEvent> c) throws InterruptedException {
        while (running) {
            try {
                Set<TopicPartition> partitions = partitionsOf(c);
                if (!partitions.isEmpty()) {
                    c.assign(partitions);
                    c.seekToEnd(partitions);
                    // seekToEnd is lazy: position() asks the broker now, so that "assigned" means fixed.
                    partitions.forEach(c::position);
                    assigned = true;
                    return partitions;
                }
                log.warn("{} has no partitions yet", topic);
            } catch (TimeoutException e) {
                log.warn("cannot list the partitions of {} yet: {}", topic, e.getMessage());
            }
            Thread.sleep(RETRY_PAUSE);
        }
        // Stopped before the broker answered: the same way out as a stop() during poll.
        throw new WakeupException();
    }

    private void addNewPartitions(KafkaConsumer<byte[], MailboxEvent> c, Set<TopicPartition> partitions) {
        Set<TopicPartition> added;
        try {
            added = new HashSet<>(partitionsOf(c));
        } catch (TimeoutException e) {
            return;
        }
        added.removeAll(partitions);
        if (added.isEmpty()) {
            return;
        }
        partitions.addAll(added);
        c.assign(partitions);
        c.seekToBeginning(added);
        log.info("reading the new partitions {} of {}", added, topic);
    }

    private Set<TopicPartition> partitionsOf(KafkaConsumer<byte[], MailboxEvent> c) {
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
        Set<TopicPartition> partitions = new HashSet<>();
        if (infos != null) {
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        return partitions;
    }

    private void dispatch(ConsumerRecord<byte[], MailboxEvent> record) {
        dispatch(record.value(), record.headers());
    }

    void dispatch(MailboxEvent event) {
        dispatch(event, new RecordHeaders());
    }

    private void dispatch(MailboxEvent event, Headers headers) {
        if (event == null || event.isFrom(replicaId) || !event.kind().aboutMessages()) {
            return;
        }
        // A delivery's event carries the message's queue id as its trace id (MailboxEvent#traceId).
        MailSpan span = tracing.consume(SPAN_NAME, headers).tag(MailSpan.QUEUE_ID, event.traceId())
                .tag("imap.replica", replicaId).tag("imap.event", event.kind().name());
        try {
            span.tag("imap.sessions_woken", String.valueOf(registry.changed(event.mailboxId(), null)));
        } finally {
            span.end();
        }
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<byte[], MailboxEvent> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assigned = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after the topics exist and stops before the store and the producer go away. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }
}
