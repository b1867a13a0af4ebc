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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

class MailDeliveryTest {

    private static final byte[] BODY = "From: a@remote.example\r\nSubject: hello\r\n\r\nHi all\r\n".getBytes(StandardCharsets.US_ASCII);

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
    void oneBodyServesEveryRecipientEachWithItsOwnPrefix() {
        byte[] alicePrefix = ("Delivered-To: alice@" + domain + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] bobPrefix = ("Delivered-To: bob@" + domain + "\r\n").getBytes(StandardCharsets.US_ASCII);

        DeliveryReport report = delivery.deliver(request(queueId(),
                DeliveryTarget.inbox(alice.id(), alicePrefix), DeliveryTarget.inbox(bob.id(), bobPrefix)));

        assertThat(report.allStored()).isTrue();
        assertThat(report.bodyId()).isPresent();
        assertThat(report.recipients()).extracting(RecipientDelivery::status).containsExactly(Status.DELIVERED, Status.DELIVERED);
        assertThat(jdbc.sql("SELECT count(*) FROM messages WHERE body_id = ?").param(report.bodyId().getAsLong())
                .query(Long.class).single()).isEqualTo(2);
        RecipientDelivery toAlice = report.recipients().getFirst();
        assertThat(toAlice.uid()).isEqualTo(1);
        assertThat(toAlice.mailboxId()).isEqualTo(store.mailboxes().inbox(alice.id()).id());
        assertThat(toAlice.size()).isEqualTo(alicePrefix.length + BODY.length);
        assertThat(store.messages().content(toAlice.mailboxId(), 1).orElseThrow().readAllBytes())
                .isEqualTo(concat(alicePrefix, BODY));
        RecipientDelivery toBob = report.recipients().get(1);
        assertThat(store.messages().content(toBob.mailboxId(), toBob.uid()).orElseThrow().readAllBytes())
                .isEqualTo(concat(bobPrefix, BODY));
        assertThat(store.accounts().findById(bob.id()).orElseThrow().usedBytes()).isEqualTo(bobPrefix.length + BODY.length);
    }

    @Test
    void aRedeliveredRecordAddsNothingAndReportsTheFirstCopy() {
        String queueId = queueId();
        DeliveryReport first = delivery.deliver(request(queueId, DeliveryTarget.inbox(alice.id(), new byte[0])));

        DeliveryReport again = delivery.deliver(request(queueId,
                DeliveryTarget.inbox(alice.id(), new byte[0]), DeliveryTarget.inbox(bob.id(), new byte[0])));

        assertThat(again.recipients()).extracting(RecipientDelivery::status).containsExactly(Status.DUPLICATE, Status.DELIVERED);
        RecipientDelivery duplicate = again.recipients().getFirst();
        RecipientDelivery original = first.recipients().getFirst();
        assertThat(duplicate.uid()).isEqualTo(original.uid());
        assertThat(duplicate.mailboxId()).isEqualTo(original.mailboxId());
        assertThat(duplicate.uidValidity()).isEqualTo(original.uidValidity());
        assertThat(store.messages().uids(original.mailboxId())).containsExactly(1);

        DeliveryReport third = delivery.deliver(request(queueId, DeliveryTarget.inbox(alice.id(), new byte[0])));
        assertThat(third.bodyId()).isEmpty();
        assertThat(third.allStored()).isTrue();
    }

    @Test
    void theSameRecordDeliveredConcurrentlyMakesOneCopy() throws Exception {
        String queueId = queueId();
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<DeliveryReport>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return delivery.deliver(request(queueId, DeliveryTarget.inbox(alice.id(), new byte[0]),
                            DeliveryTarget.inbox(bob.id(), new byte[0])));
                }));
            }
            start.countDown();
            long delivered = 0;
            for (Future<DeliveryReport> f : results) {
                delivered += f.get().recipients().stream().filter(r -> r.status() == Status.DELIVERED).count();
            }
            assertThat(delivered).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.messages().uids(store.mailboxes().inbox(alice.id()).id())).containsExactly(1);
        assertThat(store.messages().uids(store.mailboxes().inbox(bob.id()).id())).containsExactly(1);
    }

    @Test
    void aRecipientOverQuotaGetsNothingAndTheOthersTheirCopy() {
        Account full = StoreTestDatabase.newAccount(domain, "full", 10);
        String queueId = queueId();

        DeliveryReport report = delivery.deliver(request(queueId,
                DeliveryTarget.inbox(full.id(), new byte[0]), DeliveryTarget.inbox(alice.id(), new byte[0])));

        assertThat(report.recipients()).extracting(RecipientDelivery::status).containsExactly(Status.OVER_QUOTA, Status.DELIVERED);
        assertThat(report.allStored()).isFalse();
        assertThat(store.messages().uids(store.mailboxes().inbox(full.id()).id())).isEmpty();

        // The body is written before the quota is found short, and removed again.
        byte[] unique = ("Subject: " + queueId() + "\r\n\r\nno room\r\n").getBytes(StandardCharsets.US_ASCII);
        DeliveryReport nothingFits = delivery.deliver(new DeliveryRequest(queueId(), IncomingMessage.raw(unique),
                Instant.now(), List.of(DeliveryTarget.inbox(full.id(), new byte[0]))));
        assertThat(nothingFits.recipients()).extracting(RecipientDelivery::status).containsExactly(Status.OVER_QUOTA);
        assertThat(nothingFits.bodyId()).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM message_bodies WHERE sha256 = sha256(?)")
                .param(unique).query(Long.class).single()).isZero();

        store.accounts().setQuota(full.id(), 0);
        DeliveryReport retried = delivery.deliver(request(queueId,
                DeliveryTarget.inbox(full.id(), new byte[0]), DeliveryTarget.inbox(alice.id(), new byte[0])));
        assertThat(retried.recipients()).extracting(RecipientDelivery::status).containsExactly(Status.DELIVERED, Status.DUPLICATE);
    }

    @Test
    void filesIntoANamedMailboxWithFlagsOrFallsBackToInbox() {
        Mailbox junk = store.mailboxes().find(alice.id(), "Junk").orElseThrow();

        DeliveryReport report = delivery.deliver(request(queueId(),
                new DeliveryTarget(alice.id(), Optional.of("Junk"), new byte[0], MessageFlags.of(SystemFlag.SEEN)),
                new DeliveryTarget(bob.id(), Optional.of("No Such Folder"), new byte[0], MessageFlags.none())));

        assertThat(report.recipients().getFirst().mailboxId()).isEqualTo(junk.id());
        assertThat(store.messages().summaries(junk.id(), org.mailplatform.store.message.UidSet.all(), false).getFirst()
                .flags().has(SystemFlag.SEEN)).isTrue();
        assertThat(report.recipients().get(1).mailboxId()).isEqualTo(store.mailboxes().inbox(bob.id()).id());
    }

    @Test
    void aVanishedAccountIsReportedAndDuplicateTargetsCollapse() {
        DeliveryReport report = delivery.deliver(request(queueId(), DeliveryTarget.inbox(-42, new byte[0]),
                DeliveryTarget.inbox(alice.id(), new byte[0]), DeliveryTarget.inbox(alice.id(), new byte[0])));

        assertThat(report.recipients()).extracting(RecipientDelivery::accountId, RecipientDelivery::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(-42L, Status.NO_SUCH_ACCOUNT),
                        org.assertj.core.groups.Tuple.tuple(alice.id(), Status.DELIVERED));
    }

    @Test
    void oldLedgerRowsArePruned() {
        String queueId = queueId();
        delivery.deliver(request(queueId, DeliveryTarget.inbox(alice.id(), new byte[0])));
        jdbc.sql("UPDATE delivery_ledger SET delivered_at = now() - interval '30 days' WHERE queue_id = ?").param(queueId).update();

        assertThat(delivery.pruneLedger(Instant.now().minus(7, ChronoUnit.DAYS))).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM delivery_ledger WHERE queue_id = ?").param(queueId).query(Long.class).single()).isZero();
    }

    @Test
    void severalCopiesForOneAccountEachHaveTheirOwnLedgerRow() {
        String queueId = queueId();
        DeliveryTarget inbox = DeliveryTarget.inbox(alice.id(), new byte[0]);
        DeliveryTarget archive = new DeliveryTarget(alice.id(), Optional.of("Archive"), new byte[0],
                MessageFlags.of(SystemFlag.SEEN), "sieve:Archive");

        DeliveryReport first = delivery.deliver(request(queueId, inbox, archive));
        DeliveryReport again = delivery.deliver(request(queueId, inbox, archive));

        assertThat(first.recipients()).extracting(RecipientDelivery::status, RecipientDelivery::copy)
                .containsExactly(tuple(Status.DELIVERED, ""), tuple(Status.DELIVERED, "sieve:Archive"));
        assertThat(again.recipients()).extracting(RecipientDelivery::status, RecipientDelivery::copy)
                .containsExactly(tuple(Status.DUPLICATE, ""), tuple(Status.DUPLICATE, "sieve:Archive"));
        assertThat(again.recipients().get(1).uid()).isEqualTo(first.recipients().get(1).uid());
        Mailbox archived = store.mailboxes().find(alice.id(), "Archive").orElseThrow();
        assertThat(first.recipients().get(1).mailboxId()).isEqualTo(archived.id());
        assertThat(store.messages().uids(archived.id())).containsExactly(1);
        assertThat(store.messages().uids(store.mailboxes().inbox(alice.id()).id())).containsExactly(1);
    }

    private static DeliveryRequest request(String queueId, DeliveryTarget... targets) {
        return new DeliveryRequest(queueId, IncomingMessage.raw(BODY), Instant.now(), List.of(targets));
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
