/**
 * Publishing with a promise: every publish waits for the broker's acknowledgement (acks=all,
 * idempotent producer) and fails with a checked {@link org.mailplatform.records.publish.PublishException}
 * otherwise. RFC 5321 4.1.1.4 and 6.1: once a server answers 250 to the end of DATA it has taken
 * responsibility for the message, so the MSA and MTA answer 250 only after a publish returned,
 * and 451 4.3.0 when it threw.
 * <p>
 * A publish that timed out may still be written by the producer afterwards; the client then
 * sends again and consumers see a duplicate, which they tolerate (at-least-once, idempotent
 * consumers). The reverse, a 250 for a record Kafka never took, cannot happen.
 */
package org.mailplatform.records.publish;
