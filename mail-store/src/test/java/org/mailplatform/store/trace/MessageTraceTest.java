package org.mailplatform.store.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.StoreTestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The trace's writer, lookups and purge against the real PostgreSQL. */
class MessageTraceTest {

    private final MessageEventRepository repository =
            new MessageEventRepository(JdbcClient.create(StoreTestDatabase.dataSource()));
    private final String queueId = "Q" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private final String recipient = "bob-" + UUID.randomUUID() + "@example.test";
    private final Instant t0 = Instant.now().minusSeconds(60);

    @Test
    void theWriterStoresEventsInTheBackgroundAndEachLookupFindsTheWholeMessage() {
        try (BatchingMessageEventWriter writer = new BatchingMessageEventWriter(repository, 100, 10)) {
            writer.record(List.of(
                    MessageEvent.of(MessageEventKind.ACCEPTED, queueId, "msa", t0)
                            .messageId(" " + queueId + "@example.test ").recipient(recipient)
                            .put("client", "192.0.2.1").put("port", 587).put("tls", null).build(),
                    MessageEvent.of(MessageEventKind.DELIVERED, queueId, "mda", t0.plusSeconds(2))
                            .recipient(recipient.toUpperCase()).put("mailbox", "INBOX").put("uid", 7L).build(),
                    MessageEvent.of(MessageEventKind.DEFERRED, queueId, "mta", t0.plusSeconds(1))
                            .recipient("carol@remote.test").put("reply", "451 4.3.0 later").build()));

            await().atMost(Duration.ofSeconds(10)).until(() -> writer.written() == 3);
        }

        List<MessageEvent> byQueue = repository.byQueueId(queueId, 100);
        assertThat(byQueue).extracting(MessageEvent::kind).containsExactly(
                MessageEventKind.ACCEPTED, MessageEventKind.DEFERRED, MessageEventKind.DELIVERED);
        assertThat(byQueue.getFirst().messageId()).isEqualTo("<" + queueId + "@example.test>");
        assertThat(byQueue.getFirst().detail()).containsEntry("client", "192.0.2.1").containsEntry("port", 587)
                .doesNotContainKey("tls");
        assertThat(byQueue.getLast().detail()).containsEntry("uid", 7);

        assertThat(repository.byMessageId(queueId + "@example.test", 100)).isEqualTo(byQueue);
        assertThat(repository.byRecipient(recipient, t0.minusSeconds(1), t0.plusSeconds(10), 100)).isEqualTo(byQueue);
        assertThat(repository.byRecipient(recipient, t0.plusSeconds(10), t0.plusSeconds(20), 100)).isEmpty();
        assertThat(repository.byQueueId(queueId, 2)).hasSize(2);
    }

    @Test
    void aFailedWriteIsCountedAndNeverReachesTheCaller() {
        try (BatchingMessageEventWriter writer = new BatchingMessageEventWriter(repository, 2, 10)) {
            // A service name longer than the column allows: the database refuses the row.
            writer.record(MessageEvent.of(MessageEventKind.ACCEPTED, queueId, "x".repeat(200), t0).build());
            await().atMost(Duration.ofSeconds(10)).until(() -> writer.dropped() == 1);
            writer.record(MessageEvent.of(MessageEventKind.ACCEPTED, queueId, "msa", t0).build());
            await().atMost(Duration.ofSeconds(10)).until(() -> writer.written() == 1);
        }
        assertThat(repository.byQueueId(queueId, 10)).extracting(MessageEvent::service).containsExactly("msa");
    }

    @Test
    void thePurgeRemovesOnlyEventsOlderThanTheRetention() {
        // A year back, so the purge cannot touch the events other tests write now.
        Instant now = Instant.now().minus(Duration.ofDays(365));
        String old = queueId + "-old";
        repository.insert(List.of(
                MessageEvent.of(MessageEventKind.ACCEPTED, old, "msa", now.minus(Duration.ofDays(8))).build(),
                MessageEvent.of(MessageEventKind.ACCEPTED, queueId, "msa", now.minus(Duration.ofDays(6))).build()));

        int removed = new MessageEventPurge(repository, Duration.ofDays(7), Duration.ofHours(1),
                Clock.fixed(now, ZoneOffset.UTC)).purge();

        assertThat(removed).isGreaterThanOrEqualTo(1);
        assertThat(repository.byQueueId(old, 10)).isEmpty();
        assertThat(repository.byQueueId(queueId, 10)).hasSize(1);
    }
}
