package org.mailplatform.imap.sync;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
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
 * Reads {@code mailbox.events} with a consumer group of this replica's own, so that every replica
 * sees every event, and wakes the sessions of this replica that have the mailbox selected
 * (RFC 2177 IDLE pushes; the next command of any other session reads the store anyway). Events
 * this replica published itself were already handed to its sessions and are skipped. A new
 * replica starts at the end of the topic: what happened before it ran, its sessions read from
 * the store when they select a mailbox. With tracing on, waking the sessions is a span
 * ({@value #SPAN_NAME}) in the trace of the message the event is about.
 */
public final class MailboxEventListener implements SmartLifecycle {

    public static final String SPAN_NAME = "imap.push";

    private static final Logger log = LoggerFactory.getLogger(MailboxEventListener.class);

    private final Map<String, Object> consumerProperties;
    private final SessionRegistry registry;
    private final String replicaId;
    private final MailTracing tracing;
    private volatile KafkaConsumer<byte[], MailboxEvent> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile boolean assigned;

    /** @param clientProperties connection settings ({@code spring.kafka.*}); group and deserializers are set here */
    public MailboxEventListener(Map<String, Object> clientProperties, SessionRegistry registry, String replicaId,
                                MailTracing tracing) {
        this.tracing = tracing;
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "imap-gateway-" + replicaId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, MailboxEventDeserializer.class);
        this.consumerProperties = props;
        this.registry = registry;
        this.replicaId = replicaId;
    }

    @Override
    public void start() {
        consumer = new KafkaConsumer<>(consumerProperties);
        running = true;
        thread = Thread.ofPlatform().name("imap-mailbox-events").daemon().start(this::run);
    }

    /** True once the group gave this replica its partitions: events published from now on arrive. */
    public boolean isAssigned() {
        return assigned;
    }

    private void run() {
        KafkaConsumer<byte[], MailboxEvent> c = consumer;
        try {
            c.subscribe(List.of(MailTopics.MAILBOX_EVENTS), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    assigned = false;
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    assigned = true;
                }
            });
            while (running) {
                try {
                    for (ConsumerRecord<byte[], MailboxEvent> record : c.poll(Duration.ofMillis(500))) {
                        dispatch(record);
                    }
                } catch (RecordDeserializationException e) {
                    log.warn("unreadable mailbox event at {} offset {}: {}", e.topicPartition(), e.offset(), e.getMessage());
                    c.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        } catch (WakeupException e) {
            // stop() woke the poll up
        } catch (RuntimeException e) {
            log.error("mailbox event consumer stopped", e);
        } finally {
            c.close(Duration.ofSeconds(5));
        }
    }

    private void dispatch(ConsumerRecord<byte[], MailboxEvent> record) {
        MailboxEvent event = record.value();
        if (event == null || event.isFrom(replicaId) || !event.kind().aboutMessages()) {
            return;
        }
        // A delivery's event carries the message's queue id as its trace id (MailboxEvent#traceId).
        MailSpan span = tracing.consume(SPAN_NAME, record.headers()).tag(MailSpan.QUEUE_ID, event.traceId())
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
