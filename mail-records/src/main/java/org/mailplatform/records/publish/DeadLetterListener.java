package org.mailplatform.records.publish;

/** Told about each record parked on the dead-letter topic, once the broker acknowledged it. */
@FunctionalInterface
public interface DeadLetterListener {

    DeadLetterListener NONE = (queueId, topic, problem, consumer) -> {
    };

    /**
     * @param queueId  the record's queue id header, null when it had none
     * @param topic    the topic it was read from
     * @param problem  what was wrong with it (as in the {@code mail-dlt-problem} header)
     * @param consumer the consumer that gave up on it
     */
    void parked(String queueId, String topic, String problem, String consumer);
}
