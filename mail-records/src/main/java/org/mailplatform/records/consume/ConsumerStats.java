package org.mailplatform.records.consume;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What a running consumer measured, read by meters. */
public final class ConsumerStats {

    private final String topic;
    final AtomicLong lag = new AtomicLong();
    final AtomicReference<Instant> oldest = new AtomicReference<>();

    ConsumerStats(String topic) {
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    /** Records on the assigned partitions not yet consumed, as of the last measurement. */
    public long lag() {
        return lag.get();
    }

    /** When the oldest message this consumer holds arrived (being handled or held until due); null for none. */
    public Instant oldestReceivedAt() {
        return oldest.get();
    }
}
