package org.mailplatform.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.message.IncomingMessage;
import org.mailplatform.store.message.MessageFlags;
import org.mailplatform.store.message.UidSet;

/**
 * RFC 3501 2.3.2 \Recent across gateway replicas: sessions claiming new messages while others
 * arrive never get the same UID, and every UID is claimed by someone.
 */
class RecentClaimTest {

    private static final int CLAIMERS = 6;
    private static final int MESSAGES = 60;

    @Test
    void concurrentClaimsGiveEachUidToExactlyOneSession() throws Exception {
        MailStore store = StoreTestDatabase.store();
        Account account = StoreTestDatabase.newAccount(StoreTestDatabase.newDomain(), "recent");
        long inbox = store.mailboxes().inbox(account.id()).id();
        byte[] body = "Subject: new\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(store.mailboxes().status(inbox).recent()).isZero();

        ExecutorService pool = Executors.newFixedThreadPool(CLAIMERS + 1);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Long> claimed = new ConcurrentLinkedQueue<>();
        try {
            Future<?> appender = pool.submit(() -> {
                start.await();
                for (int i = 0; i < MESSAGES; i++) {
                    store.messages().append(inbox, IncomingMessage.raw(body), MessageFlags.none(), Instant.now());
                }
                return null;
            });
            List<Future<?>> claimers = new ArrayList<>();
            for (int c = 0; c < CLAIMERS; c++) {
                claimers.add(pool.submit(() -> {
                    start.await();
                    while (!appender.isDone()) {
                        claimUpToNewest(store, inbox, claimed);
                    }
                    return null;
                }));
            }
            start.countDown();
            appender.get();
            for (Future<?> claimer : claimers) {
                claimer.get();
            }
        } finally {
            pool.shutdownNow();
        }
        claimUpToNewest(store, inbox, claimed);

        assertThat(claimed).doesNotHaveDuplicates().hasSize(MESSAGES);
        assertThat(claimed.stream().sorted().toList()).isEqualTo(LongStream.rangeClosed(1, MESSAGES).boxed().toList());
        assertThat(store.mailboxes().status(inbox).recent()).isZero();
        assertThat(store.mailboxes().claimRecent(inbox, MESSAGES + 1)).isEqualTo(UidSet.empty());
    }

    /** What a session does on hearing of new mail: claim up to the newest UID it can see. */
    private static void claimUpToNewest(MailStore store, long inbox, ConcurrentLinkedQueue<Long> claimed) {
        long[] uids = store.messages().uids(inbox);
        if (uids.length == 0) {
            return;
        }
        for (UidSet.Range r : store.mailboxes().claimRecent(inbox, uids[uids.length - 1] + 1).ranges()) {
            for (long uid = r.low(); uid <= r.high(); uid++) {
                claimed.add(uid);
            }
        }
    }
}
