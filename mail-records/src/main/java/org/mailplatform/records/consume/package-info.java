/**
 * The one Kafka consumer runtime of the platform ({@link org.mailplatform.records.consume.MailConsumer}),
 * used by every service that reads a topic: the MTA's outbound queue, the MDA's delivery and the
 * IMAP gateway's mailbox events. One commit discipline for all of them:
 * <ul>
 *   <li>records are polled in batches and handed to the service's handler in order per partition;</li>
 *   <li>an offset is committed only for records that are done, and only up to the first record of
 *       the partition that is not (at-least-once: what is not committed is read again after a
 *       restart or a rebalance, so every handler is idempotent);</li>
 *   <li>a record that is not due yet, or one that failed, holds its partition (the partition is
 *       rewound to it and paused until it is due or its back-off passed); the other partitions
 *       keep flowing;</li>
 *   <li>a record that cannot be read, or one that failed its allowed attempts, is parked on
 *       {@code mail.dead-letter} and the partition moves on: nothing is skipped silently;</li>
 *   <li>a broadcast consumer has no group: it reads every partition from the end, commits
 *       nothing and leaves nothing behind on the broker.</li>
 * </ul>
 * The client settings come from one place, {@link org.mailplatform.records.consume.MailConsumerSettings}.
 */
package org.mailplatform.records.consume;
