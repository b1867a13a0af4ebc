package org.mailplatform.mda.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.codec.MailRecordCodec;
import org.mailplatform.records.consume.BatchHandler;
import org.mailplatform.records.consume.Consumed;
import org.mailplatform.records.consume.MailConsumer;
import org.mailplatform.records.consume.MailConsumerSettings;
import org.mailplatform.records.publish.AcknowledgedSender;
import org.mailplatform.records.publish.DeadLetterPublisher;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.account.AliasRepository;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.testsupport.TestKafka;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;

/** The listener called directly with records, for what the broker path cannot show: meters, log context, pruning; and the meter of unreadable records through a consumer. */
@DeliveryTest
class DeliveryListenerTest {

    @Autowired
    DeliveryRecordListener listener;
    @Autowired
    MeterRegistry registry;
    @Autowired
    LedgerPruner pruner;
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
    AcknowledgedSender sender;
    @Autowired
    DeadLetterPublisher deadLetters;
    @Autowired
    DeliveryMetrics deliveryMetrics;
    @Autowired
    MailConsumerSettings settings;

    private MailFixture mail;

    @BeforeEach
    void freshDomain() {
        mail = new MailFixture(domains, accountManager, aliases, mailboxes, messages, dataSource);
    }

    @Test
    void deliveriesFailuresLatencyAndSizeAreMeasured() {
        mail.account("kim");
        byte[] message = MailFixture.message("metered");
        MailRecord record = MailFixture.record(MailFixture.SENDER,
                List.of(mail.address("kim"), mail.address("nobody")), message);
        double delivered = deliveries("delivered");
        double failed = deliveries("failed");
        double unknown = failures("unknown_recipient");
        long timed = registry.get(DeliveryMetrics.LATENCY).timer().count();
        long sized = registry.get(DeliveryMetrics.BYTES).summary().count();
        double bytes = registry.get(DeliveryMetrics.BYTES).summary().totalAmount();

        listener.handle(consumed(record, Instant.now().minusSeconds(3)));

        assertThat(deliveries("delivered")).isEqualTo(delivered + 1);
        assertThat(deliveries("failed")).isEqualTo(failed + 1);
        assertThat(failures("unknown_recipient")).isEqualTo(unknown + 1);
        assertThat(registry.get(DeliveryMetrics.LATENCY).timer().count()).isEqualTo(timed + 1);
        assertThat(registry.get(DeliveryMetrics.LATENCY).timer().max(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(3);
        assertThat(registry.get(DeliveryMetrics.BYTES).summary().count()).isEqualTo(sized + 1);
        assertThat(registry.get(DeliveryMetrics.BYTES).summary().totalAmount()).isEqualTo(bytes + message.length);
    }

    @Test
    void anUnreadableValueIsCountedAndTheConsumerMovesOn() throws Exception {
        String topic = "mail.delivery.unreadable-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.get().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        double undecodable = failures("undecodable");
        sender.send(new ProducerRecord<>(topic, "garbage".getBytes(StandardCharsets.US_ASCII)));
        sender.send(new ProducerRecord<>(topic, null));

        DeliveryProperties properties = new DeliveryProperties(true, "mda-unreadable-" + UUID.randomUUID(), 1, 100,
                Duration.ZERO, Duration.ofDays(1), Duration.ofDays(14), Duration.ofHours(1), null);
        MailConsumer<MailRecord> consumer = DeliveryConfiguration.consumer("mda-unreadable-test", topic, properties,
                settings, BatchHandler.perRecord(listener), deadLetters, deliveryMetrics, null);
        consumer.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> failures("undecodable") >= undecodable + 2);
        } finally {
            consumer.stop();
        }
        assertThat(failures("undecodable")).isEqualTo(undecodable + 2);
    }

    @Test
    void logLinesCarryTheQueueIdAndTraceId() {
        Account lea = mail.account("lea");
        MailRecord record = MailFixture.record(MailFixture.SENDER, List.of(lea.address().toString()),
                MailFixture.message("logged"));
        Logger logger = (Logger) LoggerFactory.getLogger(DeliveryProcessor.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            listener.handle(consumed(record, Instant.now()));
        } finally {
            logger.detachAppender(appender);
        }

        assertThat(appender.list)
                .filteredOn(e -> record.queueId().equals(e.getMDCPropertyMap().get(DeliveryRecordListener.MDC_QUEUE_ID)))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.getMDCPropertyMap().get(DeliveryRecordListener.MDC_TRACE_ID))
                        .isEqualTo(record.envelope().traceId()));
        assertThat(MDC.get(DeliveryRecordListener.MDC_QUEUE_ID)).isNull();
        assertThat(mail.inbox(lea)).hasSize(1);
    }

    @Test
    void ledgerRowsOlderThanTheRetentionArePruned() {
        String old = "old-" + UUID.randomUUID();
        String recent = "recent-" + UUID.randomUUID();
        insertLedgerRow(old, Duration.ofDays(20));
        insertLedgerRow(recent, Duration.ofDays(1));

        assertThat(pruner.prune()).isGreaterThanOrEqualTo(1);

        assertThat(ledgerRows(old)).isZero();
        assertThat(ledgerRows(recent)).isOne();
        assertThat(pruner.isRunning()).isTrue();
    }

    private void insertLedgerRow(String queueId, Duration age) {
        mail.jdbc().sql("""
                        INSERT INTO delivery_ledger (queue_id, recipient, account_id, delivered_at)
                        VALUES (:queue, 'someone@example.test', 1, now() - make_interval(secs => :age))
                        """)
                .param("queue", queueId)
                .param("age", (double) age.toSeconds())
                .update();
    }

    private long ledgerRows(String queueId) {
        return mail.jdbc().sql("SELECT count(*) FROM delivery_ledger WHERE queue_id = :queue")
                .param("queue", queueId)
                .query(Long.class)
                .single();
    }

    private double deliveries(String result) {
        var counter = registry.find(DeliveryMetrics.DELIVERIES).tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    private double failures(String reason) {
        var counter = registry.find(DeliveryMetrics.FAILURES).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static Consumed<MailRecord> consumed(MailRecord record, Instant timestamp) {
        return new Consumed<>(consumerRecord(MailRecordCodec.encode(record), timestamp), record);
    }

    private static ConsumerRecord<byte[], byte[]> consumerRecord(byte[] value, Instant timestamp) {
        return new ConsumerRecord<>(MailTopics.DELIVERY, 0, 0L, timestamp.toEpochMilli(), TimestampType.CREATE_TIME,
                0, value == null ? 0 : value.length, null, value, new RecordHeaders(), Optional.empty());
    }
}
