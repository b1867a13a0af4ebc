package org.mailplatform.mda.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.consume.BatchHandler;
import org.mailplatform.records.consume.MailConsumer;
import org.mailplatform.records.consume.MailConsumerSettings;
import org.mailplatform.records.publish.DeadLetterPublisher;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.AliasRepository;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.store.message.MessageSummary;
import org.mailplatform.testsupport.TestKafka;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A batch of deliveries is stored exactly once when the MDA stops in the middle of it: after the
 * store transaction committed but before the offsets were, and before the transaction committed.
 * Each case runs a consumer of its own topic and group, stops it there (its handler reports the
 * batch as not done and stops the consumer, which then commits nothing), then starts a new
 * consumer in the same group, as a restarted replica would.
 */
@DeliveryTest
class BatchDeliveryRestartTest {

    private static final int BATCH = 25;
    private static final Pattern MESSAGE_ID = Pattern.compile("Message-ID: (<[^>]+>)");

    @Autowired
    MailRecordPublisher publisher;
    @Autowired
    DomainRepository domains;
    @Autowired
    AccountManager accountManager;
    @Autowired
    AliasRepository aliases;
    @Autowired
    MailboxRepository mailboxes;
    @Autowired
    MessageRepository messages;
    @Autowired
    DataSource dataSource;
    @Autowired
    DeliveryBatchListener batchListener;
    @Autowired
    DeadLetterPublisher deadLetters;
    @Autowired
    DeliveryMetrics metrics;
    @Autowired
    MailConsumerSettings settings;

    private MailFixture mail;
    private String topic;
    private String group;
    private final List<MailConsumer<MailRecord>> consumers = new ArrayList<>();

    @BeforeEach
    void freshTopicAndDomain() throws Exception {
        mail = new MailFixture(domains, accountManager, aliases, mailboxes, messages, dataSource);
        topic = "mail.delivery.restart-" + UUID.randomUUID();
        group = "mda-restart-" + UUID.randomUUID();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    @AfterEach
    void stopConsumers() {
        consumers.forEach(MailConsumer::stop);
    }

    @Test
    void aBatchStoppedAfterItsTransactionCommittedIsNotStoredTwice() throws Exception {
        Account kim = mail.account("kim");
        List<String> sent = publish(kim);
        AtomicInteger delivered = new AtomicInteger();
        BatchHandler<MailRecord> stopsBeforeTheOffsetCommit = records -> {
            assertThat(batchListener.handle(records)).containsOnlyNulls();
            delivered.addAndGet(records.size());
            return null;
        };

        var first = startStopping(stopsBeforeTheOffsetCommit);
        await().atMost(TopicReader.WAIT).until(() -> delivered.get() > 0 && consumerGone());
        first.stop();

        assertThat(delivered.get()).isEqualTo(BATCH);
        assertThat(messageIds(kim)).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(committedOffset()).isZero();

        restart();

        assertThat(messageIds(kim)).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(uids(kim)).containsExactlyElementsOf(LongStream.rangeClosed(1, BATCH).boxed().toList());
    }

    @Test
    void aBatchStoppedBeforeItsTransactionCommittedIsStoredOnceOnRestart() throws Exception {
        Account lea = mail.account("lea");
        List<String> sent = publish(lea);
        try (Connection blocker = dataSource.getConnection()) {
            // The INBOX row locked by another transaction: the batch stops at its UID allocation, mid-transaction.
            blocker.setAutoCommit(false);
            int blockerPid = lockInbox(blocker, mail.inboxId(lea));

            var first = startStopping(batchListener);
            // Each statement waiting for the lock is cancelled: the batch fails, then its first record
            // on its own, and the stopping handler ends the consumer without committing.
            await().atMost(TopicReader.WAIT).until(() -> {
                cancelStatementsBlockedBy(blockerPid);
                return consumerGone();
            });
            first.stop();

            assertThat(messageIds(lea)).isEmpty();
            assertThat(ledgerRows(lea)).isZero();
            assertThat(committedOffset()).isZero();
            blocker.rollback();
        }

        restart();

        assertThat(messageIds(lea)).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(uids(lea)).containsExactlyElementsOf(LongStream.rangeClosed(1, BATCH).boxed().toList());
        assertThat(ledgerRows(lea)).isEqualTo(BATCH);
    }

    @Test
    void aRecordThatFailsTheBatchIsDeadLetteredAloneAndTheOthersDelivered() throws Exception {
        Account kim = mail.account("kim");
        Account gone = mail.account("gone");
        List<MailRecord> records = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Account to = i == 1 ? gone : kim;
            records.add(MailFixture.record(MailFixture.SENDER, List.of(to.address().toString()),
                    MailFixture.message("around the bad one " + i)));
        }
        // An account without an INBOX: storing its copy throws, for the batch and for the record alone.
        mail.jdbc().sql("DELETE FROM mailboxes WHERE account_id = :account").param("account", gone.id()).update();
        for (MailRecord record : records) {
            publisher.publish(topic, record);
        }
        String bad = records.get(1).queueId();

        try (TopicReader deadLetters = new TopicReader(MailTopics.DEAD_LETTER)) {
            start(batchListener);
            await().atMost(TopicReader.WAIT).until(() -> committedOffset() == records.size());

            assertThat(deadLetters.await(r -> r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8),
                    bad::equals, 1)).hasSize(1);
        }
        assertThat(mail.inbox(kim)).hasSize(3);
        assertThat(uids(kim)).containsExactly(1L, 2L, 3L);
    }

    /** A consumer as the MDA runs it, in the test's group, delivering until every offset is committed. */
    private void restart() {
        start(batchListener);
        await().atMost(TopicReader.WAIT).until(() -> committedOffset() == BATCH);
    }

    private MailConsumer<MailRecord> start(BatchHandler<MailRecord> handler) {
        MailConsumer<MailRecord> consumer = consumer(handler);
        consumers.add(consumer);
        consumer.start();
        return consumer;
    }

    /** A consumer as the MDA makes it, in the test's group, reading the test's topic. */
    private MailConsumer<MailRecord> consumer(BatchHandler<MailRecord> handler) {
        DeliveryProperties properties = new DeliveryProperties(true, group, 1, 100, Duration.ZERO,
                Duration.ofDays(1), Duration.ofDays(14), Duration.ofHours(1), null);
        return DeliveryConfiguration.consumer("mda-restart-test", topic, properties, settings, handler, deadLetters,
                metrics, null);
    }

    /**
     * A consumer that stops as a crashed replica would: once {@code handler} returned from a batch
     * that is not all done (null: done, but the replica stops before the offsets are committed),
     * the batch is reported as not done and the consumer stops, so nothing of it is committed.
     */
    private MailConsumer<MailRecord> startStopping(BatchHandler<MailRecord> handler) {
        AtomicReference<MailConsumer<MailRecord>> self = new AtomicReference<>();
        MailConsumer<MailRecord> consumer = consumer(records -> {
            List<Exception> results = handler.handle(records);
            if (results == null || results.stream().anyMatch(r -> r != null)) {
                self.get().requestStop();
                return Collections.nCopies(records.size(), new IllegalStateException("stopped"));
            }
            return results;
        });
        self.set(consumer);
        consumers.add(consumer);
        consumer.start();
        return consumer;
    }

    /** Publishes the whole batch before any consumer runs, so that one poll returns all of it. */
    private List<String> publish(Account account) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            byte[] message = MailFixture.message("batch " + i);
            ids.add(messageId(message));
            MailRecord record = MailFixture.record(MailFixture.SENDER, List.of(account.address().toString()), message);
            publisher.publish(topic, record);
        }
        return ids;
    }

    private List<String> messageIds(Account account) {
        List<String> ids = new ArrayList<>();
        for (MessageSummary m : mail.inbox(account)) {
            ids.add(messageId(mail.content(account, m.uid())));
        }
        return ids;
    }

    private List<Long> uids(Account account) {
        return mail.inbox(account).stream().map(MessageSummary::uid).sorted().toList();
    }

    private long ledgerRows(Account account) {
        return mail.jdbc().sql("SELECT count(*) FROM delivery_ledger WHERE account_id = :account")
                .param("account", account.id())
                .query(Long.class)
                .single();
    }

    private long committedOffset() throws Exception {
        try (Admin admin = admin()) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(topic, 0));
            return committed == null ? 0 : committed.offset();
        }
    }

    /** Whether the group has no member left: the consumer was closed. */
    private boolean consumerGone() throws Exception {
        try (Admin admin = admin()) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().isEmpty();
        }
    }

    private static int lockInbox(Connection connection, long mailboxId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT id FROM mailboxes WHERE id = ? FOR UPDATE")) {
            lock.setLong(1, mailboxId);
            lock.executeQuery().close();
        }
        try (PreparedStatement pid = connection.prepareStatement("SELECT pg_backend_pid()");
             ResultSet rs = pid.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void cancelStatementsBlockedBy(int pid) {
        mail.jdbc().sql("SELECT pg_cancel_backend(a.pid) FROM pg_stat_activity a WHERE :pid = ANY(pg_blocking_pids(a.pid))")
                .param("pid", pid)
                .query(Boolean.class)
                .list();
    }

    private static String messageId(byte[] message) {
        Matcher m = MESSAGE_ID.matcher(new String(message, StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers()));
    }
}
