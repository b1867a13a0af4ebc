package org.mailplatform.records.publish;

/** Where the broker stored an acknowledged record. */
public record PublishReceipt(String topic, int partition, long offset) {
}
