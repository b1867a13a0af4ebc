package org.mailplatform.mda.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.micrometer.core.instrument.MeterRegistry;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.msgauth.srs.SenderRewriting;
import org.mailplatform.msgauth.srs.SrsReversal;
import org.mailplatform.msgauth.srs.autoconfigure.SrsMetrics;
import org.mailplatform.records.DeliveryReport;
import org.mailplatform.records.DsnNotify;
import org.mailplatform.records.DsnReturn;
import org.mailplatform.records.MailHeaders;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.MailboxEvent;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.records.OriginalRecipient;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.RecipientReport;
import org.mailplatform.records.codec.DeliveryReportCodec;
import org.mailplatform.records.codec.MailRecordCodec;
import org.mailplatform.records.codec.MailboxEventCodec;
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

/** Records published to mail.delivery, delivered by the running consumer into the real database. */
@DeliveryTest
class DeliveryFlowTest {

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
    SenderRewriting srs;
    @Autowired
    MeterRegistry meters;

    private MailFixture mail;
    private final List<TopicReader> readers = new ArrayList<>();

    @BeforeEach
    void freshDomain() {
        mail = new MailFixture(domains, accountManager, aliases, mailboxes, messages, dataSource);
    }

    @AfterEach
    void closeReaders() {
        readers.forEach(TopicReader::close);
    }

    @Test
    void threeRecipientsShareOneStoredBody() throws Exception {
        Account alice = mail.account("alice");
        Account bob = mail.account("bob");
        Account carol = mail.account("carol");
        mail.alias("team", bob.address().toString());
        byte[] message = MailFixture.message("three recipients");
        MailRecord record = MailFixture.record(MailFixture.SENDER,
                List.of(mail.address("alice"), mail.address("team"), mail.address("carol+news")), message);

        publisher.publish(MailTopics.DELIVERY, record);

        MessageSummary a = only(mail.awaitInbox(alice, 1));
        MessageSummary b = only(mail.awaitInbox(bob, 1));
        MessageSummary c = only(mail.awaitInbox(carol, 1));
        assertThat(List.of(a.bodyId(), b.bodyId(), c.bodyId())).containsOnly(a.bodyId());
        assertThat(mail.bodiesWithContent(message)).isEqualTo(1);
        assertThat(mail.messagesOfBody(a.bodyId())).isEqualTo(3);
        for (Account account : List.of(alice, bob, carol)) {
            byte[] expected = concat(MailFixture.prefix(MailFixture.SENDER, account.address().toString()), message);
            assertThat(mail.content(account, 1)).isEqualTo(expected);
            assertThat(only(mail.inbox(account)).size()).isEqualTo(expected.length);
            assertThat(only(mail.inbox(account)).internalDate()).isEqualTo(record.envelope().receivedAt());
        }

        List<MailboxEvent> events = newMessages(Set.of(alice, bob, carol), 3);
        assertThat(events).extracting(MailboxEvent::account)
                .containsExactlyInAnyOrder(alice.address().toString(), bob.address().toString(),
                        carol.address().toString());
        for (MailboxEvent event : events) {
            assertThat(event.kind()).isEqualTo(MailboxEventKind.NEW_MESSAGE);
            assertThat(event.uids()).containsExactly(1L);
            assertThat(event.traceId()).isEqualTo(record.envelope().traceId());
        }
        MailboxEvent forBob = events.stream().filter(e -> e.account().equals(bob.address().toString())).findFirst()
                .orElseThrow();
        assertThat(forBob.mailboxId()).isEqualTo(mail.inboxId(bob));
        assertThat(forBob.uidValidity()).isEqualTo(mailboxes.inbox(bob.id()).uidValidity());
        assertThat(forBob.modseq()).isEqualTo(b.modseq());
    }

    @Test
    void replayingARecordAddsNothing() throws Exception {
        Account alice = mail.account("alice");
        Account bob = mail.account("bob");
        mail.alias("both", alice.address().toString());
        mail.alias("both", bob.address().toString());
        byte[] message = MailFixture.message("replayed");
        MailRecord record = MailFixture.record(MailFixture.SENDER, List.of(mail.address("alice"), mail.address("both")),
                message);

        publisher.publish(MailTopics.DELIVERY, record);
        mail.awaitInbox(alice, 1);
        mail.awaitInbox(bob, 1);
        newMessages(Set.of(alice, bob), 2);

        publisher.publish(MailTopics.DELIVERY, record);
        // The replay announces the existing copies again; once it has, it is done.
        List<MailboxEvent> events = newMessages(Set.of(alice, bob), 4);

        assertThat(events).allSatisfy(e -> assertThat(e.uids()).containsExactly(1L));
        assertThat(mail.inbox(alice)).hasSize(1);
        assertThat(mail.inbox(bob)).hasSize(1);
        assertThat(mail.bodiesWithContent(message)).isEqualTo(1);
        assertThat(mailboxes.inbox(alice.id()).uidNext()).isEqualTo(2);
    }

    @Test
    void concurrentDeliveriesIntoOneMailboxGetDistinctIncreasingUids() throws Exception {
        Account dave = mail.account("dave");
        for (int i = 0; i < 8; i++) {
            publisher.publish(MailTopics.DELIVERY,
                    MailFixture.record(MailFixture.SENDER, List.of(mail.address("dave")), MailFixture.message("m" + i)));
        }

        List<MessageSummary> inbox = mail.awaitInbox(dave, 8);

        assertThat(inbox).extracting(MessageSummary::uid).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        // Messages stored in one batch share its MODSEQ, as the messages of one COPY do (RFC 7162 3.1).
        assertThat(inbox).extracting(MessageSummary::modseq).isSorted();
        assertThat(mailboxes.inbox(dave.id()).highestModseq()).isEqualTo(inbox.getLast().modseq());
        assertThat(inbox).extracting(MessageSummary::bodyId).doesNotHaveDuplicates();
        assertThat(mailboxes.inbox(dave.id()).uidNext()).isEqualTo(9);
    }

    @Test
    void brokenMimeFromTheNullSenderIsStoredByteExact() throws Exception {
        Account erin = mail.account("erin");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.write(("From: Mail Delivery <>\r\nSubject: =?utf-8?B?broken?=\r\nX-Nul: a\0b\r\n"
                + "header line without a colon\r\nX-Latin1: caf").getBytes(StandardCharsets.ISO_8859_1));
        raw.write(0xE9);
        raw.write(("\nContent-Type: multipart/mixed; boundary=\"never-closed\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + "--never-closed\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "@@@ not base64 @@@\r\n--never-closed\r\nContent-Type: message/rfc822\r\n\r\n"
                + "truncated inner message without").getBytes(StandardCharsets.ISO_8859_1));
        raw.write(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 13, 10, 13});
        byte[] message = raw.toByteArray();

        publisher.publish(MailTopics.DELIVERY, MailFixture.record("", List.of(mail.address("erin")), message));

        MessageSummary stored = only(mail.awaitInbox(erin, 1));
        byte[] expected = concat(MailFixture.prefix("", erin.address().toString()), message);
        assertThat(new String(expected, 0, 17, StandardCharsets.US_ASCII)).isEqualTo("Return-Path: <>\r\n");
        assertThat(stored.size()).isEqualTo(expected.length);
        assertThat(mail.content(erin, stored.uid())).isEqualTo(expected);
    }

    @Test
    void fullMailboxIsReportedTemporaryThenPermanent() throws Exception {
        Account full = mail.account("full", 100);
        Account roomy = mail.account("roomy");
        byte[] message = MailFixture.message("does not fit");
        MailRecord fresh = MailFixture.record(MailFixture.SENDER,
                List.of(Recipient.of(mail.address("full")), Recipient.of(mail.address("roomy"))), message,
                MailFixture.now());
        MailRecord old = MailFixture.record(MailFixture.SENDER, List.of(Recipient.of(mail.address("full"))), message,
                MailFixture.now().minus(Duration.ofDays(2)));

        publisher.publish(MailTopics.DELIVERY, fresh);
        publisher.publish(MailTopics.DELIVERY, old);

        RecipientReport temporary = only(only(reports(fresh.queueId())).recipients());
        assertThat(temporary.address()).isEqualTo(mail.address("full"));
        assertThat(temporary.status()).isEqualTo("4.2.2");
        assertThat(temporary.temporary()).isTrue();
        DeliveryReport oldReport = only(reports(old.queueId()));
        assertThat(only(oldReport.recipients()).status()).isEqualTo("5.2.2");
        assertThat(oldReport.returnedContent()).isEqualTo(message);
        assertThat(only(mail.awaitInbox(roomy, 1)).uid()).isEqualTo(1);
        assertThat(mail.inbox(full)).isEmpty();
    }

    @Test
    void unknownRecipientsAreReportedAndTheOthersDelivered() throws Exception {
        Account frank = mail.account("frank");
        byte[] message = MailFixture.message("partly unknown");
        Recipient unknown = Recipient.of(mail.address("nobody"), Set.of(DsnNotify.FAILURE),
                OriginalRecipient.rfc822("Nobody@" + mail.domain));
        MailRecord plain = MailFixture.record(MailFixture.SENDER, List.of(Recipient.of(mail.address("frank")), unknown,
                Recipient.of("someone@not-ours.example")), message, MailFixture.now());
        MailRecord record = plain.withEnvelope(plain.envelope().toBuilder()
                .dsnReturn(DsnReturn.HDRS)
                .envelopeId("ENV-42")
                .build());

        publisher.publish(MailTopics.DELIVERY, record);

        DeliveryReport report = only(reports(record.queueId()));
        assertThat(report.recipients()).extracting(RecipientReport::address, RecipientReport::status)
                .containsExactly(
                        tuple(mail.address("nobody"), "5.1.1"),
                        tuple("someone@not-ours.example", "5.1.2"));
        RecipientReport first = report.recipients().getFirst();
        assertThat(first.permanent()).isTrue();
        assertThat(first.originalRecipient()).isEqualTo(unknown.originalRecipient());
        assertThat(first.dsnNotify()).containsExactly(DsnNotify.FAILURE);
        assertThat(report.mailFrom()).isEqualTo(MailFixture.SENDER);
        assertThat(report.envelopeId()).isEqualTo("ENV-42");
        // RFC 3461 4.3 RET=HDRS: only the header section goes back.
        assertThat(new String(report.returnedContent(), StandardCharsets.UTF_8))
                .startsWith("From: ").endsWith("\r\n\r\n").doesNotContain("Hello, this is");
        assertThat(mail.awaitInbox(frank, 1)).hasSize(1);
    }

    @Test
    void successIsReportedWhenTheSenderAskedForIt() throws Exception {
        Account gina = mail.account("gina");
        MailRecord record = MailFixture.record(MailFixture.SENDER,
                List.of(Recipient.of(mail.address("gina"), Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE), null)),
                MailFixture.message("notify success"), MailFixture.now());

        publisher.publish(MailTopics.DELIVERY, record);

        RecipientReport success = only(only(reports(record.queueId())).recipients());
        assertThat(success.status()).isEqualTo("2.0.0");
        assertThat(success.success()).isTrue();
        assertThat(mail.inbox(gina)).hasSize(1);
    }

    @Test
    void remoteAliasTargetsAreForwardedThroughTheMta() throws Exception {
        Account hank = mail.account("hank");
        mail.alias("list", "someone@elsewhere.example");
        mail.alias("list", "other@elsewhere.example");
        mail.alias("list", hank.address().toString());
        byte[] message = MailFixture.message("forwarded");
        MailRecord record = MailFixture.record(MailFixture.SENDER, List.of(mail.address("list")), message);

        publisher.publish(MailTopics.DELIVERY, record);

        String forwardId = record.queueId() + "-F";
        MailRecord forward = only(read(MailTopics.OUTBOUND, r -> MailRecordCodec.decode(r.value()),
                r -> r.queueId().equals(forwardId), 1));
        // SRS: the sender is in the alias's domain, so SPF at the receiver checks our servers, and it reverses to the author.
        assertThat(forward.envelope().mailFrom()).startsWith("SRS0=").endsWith("=remote.example=sender@" + mail.domain);
        assertThat(srs.reverse(forward.envelope().mailFrom())).isEqualTo(new SrsReversal.Reversed(MailFixture.SENDER));
        assertThat(forward.envelope().recipients()).extracting(Recipient::address)
                .containsExactlyInAnyOrder("someone@elsewhere.example", "other@elsewhere.example");
        assertThat(forward.envelope().recipients()).allSatisfy(r ->
                assertThat(r.originalRecipient()).isEqualTo(OriginalRecipient.rfc822(mail.address("list"))));
        assertThat(forward.envelope().traceId()).isEqualTo(record.envelope().traceId());
        assertThat(forward.message()).isEqualTo(concat(
                ("Delivered-To: " + mail.address("list") + "\r\n").getBytes(StandardCharsets.UTF_8), message));
        assertThat(mail.awaitInbox(hank, 1)).hasSize(1);
    }

    @Test
    void forwardsFromOurOwnDomainsAndFromTheNullSenderKeepTheirSender() throws Exception {
        mail.account("ken");
        mail.alias("out", "ken@elsewhere.example");
        MailRecord local = MailFixture.record(mail.address("ken"), List.of(mail.address("out")), MailFixture.message("local"));
        MailRecord bounce = MailFixture.record("", List.of(mail.address("out")), MailFixture.message("bounce"));
        double rewrittenBefore = meters.counter(SrsMetrics.REWRITTEN).count();

        publisher.publish(MailTopics.DELIVERY, local);
        publisher.publish(MailTopics.DELIVERY, bounce);

        Set<String> ids = Set.of(local.queueId() + "-F", bounce.queueId() + "-F");
        List<MailRecord> forwards = read(MailTopics.OUTBOUND, r -> MailRecordCodec.decode(r.value()),
                r -> ids.contains(r.queueId()), 2);
        assertThat(forwards).extracting(r -> r.envelope().mailFrom())
                .containsExactlyInAnyOrder(mail.address("ken"), "");
        assertThat(meters.counter(SrsMetrics.REWRITTEN).count()).isEqualTo(rewrittenBefore);
    }

    @Test
    void aMessageThatWasHereBeforeIsRefusedAsALoop() throws Exception {
        Account jo = mail.account("jo");
        mail.alias("away", "jo@elsewhere.example");
        byte[] message = concat(("Delivered-To: " + mail.address("away").toUpperCase(Locale.ROOT)
                + "\r\nDelivered-To: <" + mail.address("jo") + ">\r\n").getBytes(StandardCharsets.UTF_8),
                MailFixture.message("looping"));
        MailRecord record = MailFixture.record(MailFixture.SENDER, List.of(mail.address("away"), mail.address("jo")),
                message);

        publisher.publish(MailTopics.DELIVERY, record);

        DeliveryReport report = only(reports(record.queueId()));
        assertThat(report.recipients()).extracting(RecipientReport::address, RecipientReport::status)
                .containsExactly(tuple(mail.address("away"), "5.4.6"), tuple(mail.address("jo"), "5.4.6"));
        assertThat(mail.inbox(jo)).isEmpty();
        TopicReader outbound = new TopicReader(MailTopics.OUTBOUND);
        readers.add(outbound);
        // The forward would have been published before the report.
        assertThat(outbound.uptoEnd(r -> MailRecordCodec.decode(r.value()).queueId(),
                id -> id.startsWith(record.queueId()))).isEmpty();
    }

    @Test
    void anUnreadableRecordIsDeadLetteredAndTheNextOneDelivered() throws Exception {
        Account ivy = mail.account("ivy");
        byte[] garbage = ("not a mail record " + mail.domain).getBytes(StandardCharsets.UTF_8);
        byte[] key = ("garbage-" + mail.domain).getBytes(StandardCharsets.UTF_8);
        MailRecord next = MailFixture.record(MailFixture.SENDER, List.of(mail.address("ivy")),
                MailFixture.message("after the garbage"));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            // Same partition, garbage first: the consumer has to get past it.
            producer.send(new ProducerRecord<>(MailTopics.DELIVERY, 0, key, garbage)).get();
            producer.send(new ProducerRecord<>(MailTopics.DELIVERY, 0, next.queueId().getBytes(StandardCharsets.UTF_8),
                    MailRecordCodec.encode(next))).get();
        }

        ConsumerRecord<byte[], byte[]> dead = only(read(MailTopics.DEAD_LETTER, r -> r,
                r -> r.key() != null && Arrays.equals(r.key(), key), 1));
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(header(dead, MailHeaders.DLT_TOPIC)).isEqualTo(MailTopics.DELIVERY);
        assertThat(header(dead, MailHeaders.DLT_PARTITION)).isEqualTo("0");
        assertThat(header(dead, MailHeaders.DLT_PROBLEM)).isEqualTo("BAD_MAGIC");
        assertThat(mail.awaitInbox(ivy, 1)).hasSize(1);
    }

    private List<MailboxEvent> newMessages(Set<Account> accounts, int count) {
        Set<String> names = new HashSet<>();
        accounts.forEach(a -> names.add(a.address().toString()));
        return read(MailTopics.MAILBOX_EVENTS, r -> MailboxEventCodec.decode(r.value()),
                e -> names.contains(e.account()) && e.kind() == MailboxEventKind.NEW_MESSAGE, count);
    }

    private List<DeliveryReport> reports(String queueId) {
        return read(MailTopics.DELIVERY_REPORTS, r -> DeliveryReportCodec.decode(r.value()),
                r -> r.queueId().equals(queueId), 1);
    }

    private <T> List<T> read(String topic, Function<ConsumerRecord<byte[], byte[]>, T> decode,
                             Predicate<T> match, int count) {
        TopicReader reader = new TopicReader(topic);
        readers.add(reader);
        return reader.await(decode, match, count);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static <T> T only(List<T> list) {
        assertThat(list).hasSize(1);
        return list.getFirst();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
