package org.mailplatform.records.publish;

import java.time.Duration;

/** Told about every publish: how long it took and whether Kafka acknowledged it. */
@FunctionalInterface
public interface PublishObserver {

    PublishObserver NONE = (topic, elapsed, acknowledged) -> {
    };

    void published(String topic, Duration elapsed, boolean acknowledged);
}
