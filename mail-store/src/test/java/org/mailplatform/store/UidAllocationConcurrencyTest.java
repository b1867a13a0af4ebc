package org.mailplatform.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.delivery.DeliveryRequest;
import org.mailplatform.store.delivery.DeliveryTarget;
import org.mailplatform.store.delivery.RecipientDelivery;
import org.mailplatform.store.mailbox.MailboxStatus;
import org.mailplatform.store.message.IncomingMessage;
import org.mailplatform.store.message.MessageFlags;

/**
 * Concurrent deliveries and appends into one mailbox: every UID is given once, and a reader
 * never sees a UID before all smaller ones (RFC 9051 2.3.1.1: UIDs strictly ascend).
 */
class UidAllocationConcurrencyTest {

    private static final int THREADS = 12;
    private static final int PER_THREAD = 20;

    @Test
    void concurrentDeliveriesNeverShareOrSkipAheadOfAUid() throws Exception {
        MailStore store = StoreTestDatabase.store();
        String domain = StoreTestDatabase.newDomain();
        Account account = StoreTestDatabase.newAccount(domain, "busy");
        Account other = StoreTestDatabase.newAccount(domain, "other");
        long inbox = store.mailboxes().inbox(account.id()).id();
        byte[] body = "Subject: load\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> gapsSeen = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> given = new ConcurrentLinkedQueue<>();
        try {
            Future<Integer> reader = pool.submit(() -> {
                int snapshots = 0;
                start.await();
                while (writing.get()) {
                    long[] uids = store.messages().uids(inbox);
                    for (int i = 0; i < uids.length; i++) {
                        if (uids[i] != i + 1) {
                            gapsSeen.add(java.util.Arrays.toString(uids));
                            break;
                        }
                    }
                    snapshots++;
                }
                return snapshots;
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                boolean viaAppend = t % 2 == 0;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < PER_THREAD; i++) {
                        if (viaAppend) {
                            given.add(store.messages().append(inbox, IncomingMessage.raw(body), MessageFlags.none(), Instant.now()).uid());
                        } else {
                            // Two recipients per delivery, in both orders, to exercise the lock order.
                            List<DeliveryTarget> targets = i % 2 == 0
                                    ? List.of(DeliveryTarget.inbox(account.id(), new byte[0]), DeliveryTarget.inbox(other.id(), new byte[0]))
                                    : List.of(DeliveryTarget.inbox(other.id(), new byte[0]), DeliveryTarget.inbox(account.id(), new byte[0]));
                            RecipientDelivery mine = store.delivery().deliver(new DeliveryRequest(UUID.randomUUID().toString(),
                                            IncomingMessage.raw(body), Instant.now(), targets))
                                    .recipients().stream().filter(r -> r.accountId() == account.id()).findFirst().orElseThrow();
                            given.add(mine.uid());
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> w : writers) {
                w.get();
            }
            writing.set(false);
            assertThat(reader.get()).isPositive();
        } finally {
            pool.shutdownNow();
        }

        int total = THREADS * PER_THREAD;
        Set<Long> distinct = new HashSet<>(given);
        assertThat(given).hasSize(total);
        assertThat(distinct).hasSize(total);
        assertThat(store.messages().uids(inbox)).hasSize(total).startsWith(1).endsWith(total);
        assertThat(gapsSeen).as("a reader saw a UID before a smaller one").isEmpty();
        MailboxStatus status = store.mailboxes().status(inbox);
        assertThat(status.uidNext()).isEqualTo(total + 1);
        assertThat(status.highestModseq()).isEqualTo(total + 1);
        assertThat(store.accounts().findById(account.id()).orElseThrow().usedBytes()).isEqualTo((long) total * body.length);
    }
}
