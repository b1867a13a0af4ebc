package org.mailplatform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.delivery.DeliveryReport;
import org.mailplatform.store.delivery.DeliveryRequest;
import org.mailplatform.store.delivery.DeliveryTarget;
import org.mailplatform.store.delivery.MailDelivery;
import org.mailplatform.store.delivery.RecipientDelivery;
import org.mailplatform.store.delivery.RecipientDelivery.Status;
import org.mailplatform.store.mailbox.Mailbox;
import org.mailplatform.store.message.IncomingMessage;
import org.mailplatform.store.message.MessageFlags;
import org.mailplatform.store.message.SystemFlag;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link MailDelivery#deliverAll}: many requests in one transaction, each with the outcome deliver() gives it. */
class BatchDeliveryTest {

    private final MailStore store = StoreTestDatabase.store();
    private final MailDelivery delivery = store.delivery();
    private final JdbcClient jdbc = JdbcClient.create(StoreTestDatabase.dataSource());
    private String domain;
    private Account alice;
    private Account bob;

    @BeforeEach
    void accounts() {
        domain = StoreTestDatabase.newDomain();
        alice = StoreTestDatabase.newAccount(domain, "alice");
        bob = StoreTestDatabase.newAccount(domain, "bob");
    }

    @Test
    void aBatchGetsConsecutiveUidsOneModseqPerMailboxAndABodyPerMessage() {
        List<DeliveryRequest> batch = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] body = body("message " + i);
            bodies.add(body);
            batch.add(request(queueId(), body, DeliveryTarget.inbox(alice.id(), prefix("alice")),
                    DeliveryTarget.inbox(bob.id(), prefix("bob"))));
        }

        List<DeliveryReport> reports = delivery.deliverAll(batch);

        assertThat(reports).hasSize(5).allSatisfy(r -> assertThat(r.recipients())
                .extracting(RecipientDelivery::status).containsExactly(Status.DELIVERED, Status.DELIVERED));
        assertThat(reports).extracting(r -> r.recipients().getFirst().uid()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(reports).extracting(r -> r.recipients().get(1).uid()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(reports).extracting(r -> r.recipients().getFirst().modseq()).containsOnly(
                reports.getFirst().recipients().getFirst().modseq());
        assertThat(reports).extracting(r -> r.bodyId().getAsLong()).doesNotHaveDuplicates();
        Mailbox inbox = store.mailboxes().inbox(alice.id());
        assertThat(inbox.uidNext()).isEqualTo(6);
        assertThat(inbox.highestModseq()).isEqualTo(reports.getFirst().recipients().getFirst().modseq());
        for (int i = 0; i < 5; i++) {
            assertThat(store.messages().content(inbox.id(), i + 1).orElseThrow().readAllBytes())
                    .isEqualTo(concat(prefix("alice"), bodies.get(i)));
        }
        long expectedBytes = bodies.stream().mapToLong(b -> b.length + prefix("bob").length).sum();
        assertThat(store.accounts().findById(bob.id()).orElseThrow().usedBytes()).isEqualTo(expectedBytes);
        assertThat(jdbc.sql("SELECT count(*) FROM delivery_ledger WHERE account_id = ? AND uid IS NOT NULL")
                .param(alice.id()).query(Long.class).single()).isEqualTo(5);
    }

    @Test
    void aRedeliveredBatchAddsNothingAndReportsTheFirstCopies() {
        List<DeliveryRequest> batch = List.of(
                request(queueId(), body("one"), DeliveryTarget.inbox(alice.id(), new byte[0])),
                request(queueId(), body("two"), DeliveryTarget.inbox(alice.id(), new byte[0])));
        List<DeliveryReport> first = delivery.deliverAll(batch);

        List<DeliveryReport> again = delivery.deliverAll(batch);

        assertThat(again).allSatisfy(r -> {
            assertThat(r.bodyId()).isEmpty();
            assertThat(r.recipients()).extracting(RecipientDelivery::status).containsExactly(Status.DUPLICATE);
        });
        assertThat(again).extracting(r -> r.recipients().getFirst().uid())
                .containsExactly(first.get(0).recipients().getFirst().uid(), first.get(1).recipients().getFirst().uid());
        assertThat(store.messages().uids(store.mailboxes().inbox(alice.id()).id())).containsExactly(1L, 2L);
    }

    @Test
    void theSameQueueIdTwiceInABatchMakesOneCopy() {
        String queueId = queueId();
        byte[] body = body("twice");

        List<DeliveryReport> reports = delivery.deliverAll(List.of(
                request(queueId, body, DeliveryTarget.inbox(alice.id(), new byte[0])),
                request(queueId, body, DeliveryTarget.inbox(alice.id(), new byte[0]))));

        assertThat(reports).extracting(r -> r.recipients().getFirst().status())
                .containsExactly(Status.DELIVERED, Status.DUPLICATE);
        assertThat(reports.get(1).recipients().getFirst().uid()).isEqualTo(1);
        assertThat(store.messages().uids(store.mailboxes().inbox(alice.id()).id())).containsExactly(1L);
    }

    @Test
    void copiesBeyondTheQuotaAreRefusedAndTheirLedgerRowsGivenUp() {
        byte[] body = body("sized");
        Account small = StoreTestDatabase.newAccount(domain, "small", 2L * body.length);
        String third = queueId();

        List<DeliveryReport> reports = delivery.deliverAll(List.of(
                request(queueId(), body, DeliveryTarget.inbox(small.id(), new byte[0])),
                request(queueId(), body, DeliveryTarget.inbox(small.id(), new byte[0])),
                request(third, body, DeliveryTarget.inbox(small.id(), new byte[0]),
                        DeliveryTarget.inbox(alice.id(), new byte[0]))));

        assertThat(reports).extracting(r -> r.recipients().getFirst().status())
                .containsExactly(Status.DELIVERED, Status.DELIVERED, Status.OVER_QUOTA);
        assertThat(reports.get(2).recipients().get(1).status()).isEqualTo(Status.DELIVERED);
        assertThat(store.messages().uids(store.mailboxes().inbox(small.id()).id())).containsExactly(1L, 2L);
        assertThat(jdbc.sql("SELECT count(*) FROM delivery_ledger WHERE queue_id = ? AND account_id = ?")
                .param(third).param(small.id()).query(Long.class).single()).isZero();
    }

    @Test
    void aRequestWithNoCopyThatFitsLeavesNoBodyBehind() {
        byte[] body = body("too large " + queueId());
        Account tiny = StoreTestDatabase.newAccount(domain, "tiny", 10);

        List<DeliveryReport> reports = delivery.deliverAll(List.of(
                request(queueId(), body, DeliveryTarget.inbox(tiny.id(), new byte[0])),
                request(queueId(), body, DeliveryTarget.inbox(alice.id(), new byte[0]))));

        assertThat(reports).extracting(r -> r.recipients().getFirst().status())
                .containsExactly(Status.OVER_QUOTA, Status.DELIVERED);
        assertThat(reports.getFirst().bodyId()).isEmpty();
        assertThat(reports.get(1).bodyId()).isPresent();
        assertThat(bodiesLike(body)).isEqualTo(1);
    }

    @Test
    void namedMailboxesFlagsParsedFormsAndVanishedAccounts() {
        Mailbox junk = store.mailboxes().find(alice.id(), "Junk").orElseThrow();
        IncomingMessage parsed = new IncomingMessage(body("parsed"), Optional.of("{\"subject\":\"parsed\"}"),
                Optional.empty(), Optional.of("Subject parsed words here"), 8);

        List<DeliveryReport> reports = delivery.deliverAll(List.of(
                new DeliveryRequest(queueId(), parsed, Instant.now().truncatedTo(ChronoUnit.MICROS), List.of(
                        new DeliveryTarget(alice.id(), Optional.of("Junk"), new byte[0], MessageFlags.of(SystemFlag.SEEN)),
                        new DeliveryTarget(bob.id(), Optional.of("No Such Folder"), new byte[0], MessageFlags.none()),
                        DeliveryTarget.inbox(-42, new byte[0])))));

        assertThat(reports.getFirst().recipients())
                .extracting(RecipientDelivery::accountId, RecipientDelivery::status, RecipientDelivery::mailboxId)
                .containsExactly(tuple(alice.id(), Status.DELIVERED, junk.id()),
                        tuple(bob.id(), Status.DELIVERED, store.mailboxes().inbox(bob.id()).id()),
                        tuple(-42L, Status.NO_SUCH_ACCOUNT, 0L));
        assertThat(store.messages().summaries(junk.id(), org.mailplatform.store.message.UidSet.all(), true).getFirst())
                .satisfies(m -> {
                    assertThat(m.flags().has(SystemFlag.SEEN)).isTrue();
                    assertThat(m.envelopeJson()).isPresent();
                });
        assertThat(jdbc.sql("SELECT search_vector @@ to_tsquery('simple', 'words') FROM message_bodies WHERE id = ?")
                .param(reports.getFirst().bodyId().getAsLong()).query(Boolean.class).single()).isTrue();
    }

    /** Stored bodies with these bytes. */
    private long bodiesLike(byte[] body) {
        return jdbc.sql("SELECT count(*) FROM message_bodies WHERE sha256 = sha256(?)")
                .param(body).query(Long.class).single();
    }

    private DeliveryRequest request(String queueId, byte[] body, DeliveryTarget... targets) {
        return new DeliveryRequest(queueId, IncomingMessage.raw(body), Instant.now(), List.of(targets));
    }

    private byte[] prefix(String localPart) {
        return ("Delivered-To: " + localPart + "@" + domain + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] body(String subject) {
        return ("From: a@remote.example\r\nSubject: " + subject + "\r\nMessage-ID: <" + UUID.randomUUID()
                + "@remote.example>\r\n\r\nHi\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String queueId() {
        return UUID.randomUUID().toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
