package org.mailplatform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.mailbox.Mailbox;
import org.mailplatform.store.message.FlagChange;
import org.mailplatform.store.message.IncomingMessage;
import org.mailplatform.store.message.KeywordLimits;
import org.mailplatform.store.message.MessageFlags;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.store.message.UidSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** Two stores on one database stand for two gateway replicas: both count the same keywords. */
class KeywordLimitTest {

    private static final KeywordLimits LIMITS = new KeywordLimits(3, 10);

    private final MessageRepository replicaA = limitedStore().messages();
    private final MessageRepository replicaB = limitedStore().messages();
    private Mailbox inbox;
    private long first;
    private long second;

    private static MailStore limitedStore() {
        return MailStore.create(StoreTestDatabase.dataSource(), new JdbcTransactionManager(StoreTestDatabase.dataSource()), LIMITS);
    }

    @BeforeEach
    void mailbox() {
        Account account = StoreTestDatabase.newAccount(StoreTestDatabase.newDomain(), "keywords");
        inbox = StoreTestDatabase.store().mailboxes().inbox(account.id());
        first = replicaA.append(inbox.id(), raw("one"), keywords("a", "b"), Instant.now()).uid();
        second = replicaA.append(inbox.id(), raw("two"), MessageFlags.none(), Instant.now()).uid();
    }

    @Test
    void aKeywordPastTheMailboxLimitIsRefusedWhicheverReplicaIsAsked() {
        replicaB.storeFlags(inbox.id(), UidSet.of(second), FlagChange.add(keywords("c")), OptionalLong.empty());

        assertThatThrownBy(() -> replicaA.storeFlags(inbox.id(), UidSet.of(first), FlagChange.add(keywords("d")), OptionalLong.empty()))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("at most 3");
        assertThatThrownBy(() -> replicaB.append(inbox.id(), raw("three"), keywords("e"), Instant.now()))
                .isInstanceOf(LimitExceededException.class);
        assertThatThrownBy(() -> replicaB.storeFlags(inbox.id(), UidSet.of(second), FlagChange.replace(keywords("a", "z")),
                OptionalLong.empty())).isInstanceOf(LimitExceededException.class);

        // Keywords in use already cost nothing: setting them on other messages goes on working.
        replicaA.storeFlags(inbox.id(), UidSet.all(), FlagChange.add(keywords("a", "b", "c")), OptionalLong.empty());
        assertThat(keywordsInUse()).containsExactly("a", "b", "c");
        assertThat(replicaA.uids(inbox.id())).hasSize(2);
    }

    @Test
    void removingAKeywordEverywhereMakesRoomAgain() {
        replicaA.storeFlags(inbox.id(), UidSet.of(second), FlagChange.add(keywords("c")), OptionalLong.empty());
        replicaB.storeFlags(inbox.id(), UidSet.all(), FlagChange.remove(keywords("c")), OptionalLong.empty());

        replicaB.storeFlags(inbox.id(), UidSet.of(second), FlagChange.add(keywords("d")), OptionalLong.empty());

        assertThat(keywordsInUse()).containsExactly("a", "b", "d");
    }

    @Test
    void aKeywordLongerThanTheLimitIsRefused() {
        assertThatThrownBy(() -> replicaA.storeFlags(inbox.id(), UidSet.of(second), FlagChange.add(keywords("x".repeat(11))),
                OptionalLong.empty())).isInstanceOf(LimitExceededException.class).hasMessageContaining("longer than 10");
        replicaA.storeFlags(inbox.id(), UidSet.of(second), FlagChange.add(keywords("x".repeat(10))), OptionalLong.empty());
    }

    @Test
    void aCopyBringingTooManyKeywordsIsRefused() {
        Mailbox target = StoreTestDatabase.store().mailboxes().create(inbox.accountId(), "Archive-" + System.nanoTime());
        replicaA.append(target.id(), raw("kept"), keywords("x", "y"), Instant.now());

        assertThatThrownBy(() -> replicaB.copy(inbox.id(), UidSet.all(), target.id())).isInstanceOf(LimitExceededException.class);
        assertThat(replicaB.uids(target.id())).hasSize(1);
    }

    @Test
    void concurrentNewKeywordsFromTwoReplicasNeverPassTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                MessageRepository replica = i % 2 == 0 ? replicaA : replicaB;
                String keyword = "k" + i;
                Callable<Boolean> add = () -> {
                    try {
                        replica.storeFlags(inbox.id(), UidSet.of(second), FlagChange.add(keywords(keyword)), OptionalLong.empty());
                        return true;
                    } catch (LimitExceededException e) {
                        return false;
                    }
                };
                attempts.add(pool.submit(add));
            }
            long accepted = 0;
            for (Future<Boolean> attempt : attempts) {
                accepted += attempt.get() ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(1);
            assertThat(keywordsInUse()).hasSize(3);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> keywordsInUse() {
        return JdbcClient.create(StoreTestDatabase.dataSource())
                .sql("SELECT DISTINCT k FROM messages m, unnest(m.keywords) AS k WHERE m.mailbox_id = :mailbox ORDER BY k")
                .param("mailbox", inbox.id())
                .query(String.class)
                .list();
    }

    private static MessageFlags keywords(String... keywords) {
        return MessageFlags.of(Set.of(), List.of(keywords));
    }

    private static IncomingMessage raw(String subject) {
        return IncomingMessage.raw(("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
    }
}
