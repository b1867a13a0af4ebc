package org.mailplatform.store.trace;

import java.time.Clock;

import org.mailplatform.records.publish.DeadLetterListener;

/** Traces each record parked on the dead-letter topic that names its queue id. */
public final class DeadLetterEvents implements DeadLetterListener {

    private final MessageEventLog events;
    private final Clock clock;

    public DeadLetterEvents(MessageEventLog events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void parked(String queueId, String topic, String problem, String consumer) {
        if (queueId == null || queueId.isBlank()) {
            return;
        }
        events.record(MessageEvent.of(MessageEventKind.DEAD_LETTERED, queueId, consumer, clock.instant())
                .put("topic", topic).put("problem", problem).build());
    }
}
