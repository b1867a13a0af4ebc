package org.mailplatform.imap.sync;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.mailplatform.records.MailboxEvent;
import org.mailplatform.records.codec.MailboxEventCodec;
import org.mailplatform.records.consume.BatchHandler;
import org.mailplatform.records.consume.MailConsumer;
import org.mailplatform.records.consume.MailConsumerSettings;
import org.mailplatform.records.consume.MailConsumers;
import org.mailplatform.records.consume.RetryPolicy;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.records.tracing.MailSpan;
import org.mailplatform.records.tracing.MailTracing;
import org.springframework.context.SmartLifecycle;

/**
 * Reads every partition of {@code mailbox.events}, so that every replica sees every event, and
 * wakes the sessions of this replica that have the mailbox selected (RFC 2177 IDLE pushes; the
 * next command of any other session reads the store anyway). Events this replica published itself
 * were already handed to its sessions and are skipped.
 *
 * <p>A broadcast consumer of the platform's consumer runtime ({@link MailConsumer#broadcast}): no
 * consumer group, since the events are live notifications, so a replica starts at the end of each
 * partition and never commits a position (what happened before it ran, its sessions read from the
 * store when they select a mailbox). A group per replica would outlive the replica: every restart
 * would leave a group behind whose lag grows for as long as the topic's retention.
 * Partitions added to the topic later are picked up within 30 seconds, read from
 * their first record, since everything in them was published after this replica started. An
 * unreadable event is logged and skipped: it concerns only this replica's wake-ups, and parking
 * it would put one copy per replica on the dead-letter topic.
 * With tracing on, waking the sessions is a span ({@value #SPAN_NAME}) in the trace of the
 * message the event is about.
 */
public final class MailboxEventListener implements SmartLifecycle {

    public static final String SPAN_NAME = "imap.push";

    /** How often the topic's partitions are listed again; also the consumer's metadata age, so the list is fresh. */
    private static final Duration PARTITION_CHECK = Duration.ofSeconds(30);

    private final MailConsumerSettings settings;
    private final String topic;
    private final Duration partitionCheck;
    private final SessionRegistry registry;
    private final String replicaId;
    private final MailTracing tracing;
    private final MeterRegistry meters;
    private volatile MailConsumer<MailboxEvent> consumer;

    /** @param settings the service's consumer settings; the broadcast mode is set here */
    public MailboxEventListener(MailConsumerSettings settings, SessionRegistry registry, String replicaId,
                                MailTracing tracing, MeterRegistry meters) {
        this(settings, registry, replicaId, MailTopics.MAILBOX_EVENTS, PARTITION_CHECK, tracing, meters);
    }

    MailboxEventListener(MailConsumerSettings settings, SessionRegistry registry, String replicaId, String topic,
                         Duration partitionCheck) {
        this(settings, registry, replicaId, topic, partitionCheck, MailTracing.OFF, null);
    }

    MailboxEventListener(MailConsumerSettings settings, SessionRegistry registry, String replicaId, String topic,
                         Duration partitionCheck, MailTracing tracing, MeterRegistry meters) {
        this.settings = settings;
        this.topic = topic;
        this.partitionCheck = partitionCheck;
        this.registry = registry;
        this.replicaId = replicaId;
        this.tracing = tracing;
        this.meters = meters;
    }

    /** A fresh consumer per start: a restarted listener fixes its positions at the end again. */
    @Override
    public synchronized void start() {
        if (consumer != null && consumer.isRunning()) {
            return;
        }
        consumer = MailConsumer.<MailboxEvent>broadcast("imap-mailbox-events", topic, settings)
                .decoder(raw -> MailboxEventCodec.decode(raw.value()))
                .handler(BatchHandler.perRecord(record -> dispatch(record.value(), record.raw().headers())))
                // A wake-up that failed is not tried again: the session reads the store at its next command.
                .retry(new RetryPolicy(Duration.ZERO, Duration.ZERO, 1, null))
                .partitionCheck(partitionCheck)
                .stopTimeout(Duration.ofSeconds(10))
                .meters(meters)
                .build();
        consumer.start();
    }

    /** True once this replica's positions at the end of every partition are fixed: events published from now on arrive. */
    public boolean isAssigned() {
        MailConsumer<MailboxEvent> c = consumer;
        return c != null && c.isAssigned();
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
    public synchronized void stop() {
        MailConsumer<MailboxEvent> c = consumer;
        if (c != null) {
            c.stop();
        }
    }

    @Override
    public boolean isRunning() {
        MailConsumer<MailboxEvent> c = consumer;
        return c != null && c.isRunning();
    }

    /** Starts after the topics exist and stops before the store and the producer go away. */
    @Override
    public int getPhase() {
        return MailConsumers.PHASE;
    }
}
