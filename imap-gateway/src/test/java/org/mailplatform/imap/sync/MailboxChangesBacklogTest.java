package org.mailplatform.imap.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.records.publish.AcknowledgedSender;
import org.mailplatform.records.publish.MailProducerSettings;
import org.mailplatform.records.publish.MailboxEventPublisher;
import org.mailplatform.records.publish.PublishObserver;

/** A broker that does not answer: the events a client's commands make wait in a bounded queue. */
class MailboxChangesBacklogTest {

    @Test
    void eventsBeyondTheQueueAreDroppedWhileKafkaIsAway() throws Exception {
        int deadPort;
        try (ServerSocket free = new ServerSocket(0)) {
            deadPort = free.getLocalPort();
        }
        AcknowledgedSender sender = AcknowledgedSender.create(MailProducerSettings.forBootstrapServers("127.0.0.1:" + deadPort)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1)), PublishObserver.NONE);
        MailboxChanges changes = new MailboxChanges(new SessionRegistry(), new MailboxEventPublisher(sender), "test-replica", 100);
        try {
            for (int i = 0; i < 5_000; i++) {
                changes.messages(MailboxEventKind.FLAGS_CHANGED, "a@example.test", 1, 1, List.of((long) i + 1), i + 1, null);
            }

            assertThat(changes.queued()).isLessThanOrEqualTo(100);
            assertThat(changes.dropped()).isGreaterThanOrEqualTo(5_000 - 101);
        } finally {
            long start = System.nanoTime();
            changes.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            sender.close();
        }
    }
}
