package org.mailplatform.store.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.AlreadyExistsException;
import org.mailplatform.store.NotFoundException;
import org.mailplatform.store.OperationNotAllowedException;
import org.mailplatform.store.StoreTestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

class SieveScriptRepositoryTest {

    private final SieveScriptRepository scripts = StoreTestDatabase.store().sieveScripts();
    private final long account = StoreTestDatabase.newAccount(StoreTestDatabase.newDomain(), "alice").id();

    @Test
    void putReplacesTheContentOfAScriptOfTheSameName() {
        scripts.put(account, "main", "keep;");
        scripts.put(account, "main", "discard;");
        scripts.put(account, "other", "keep;");

        assertThat(scripts.list(account)).extracting(SieveScript::name).containsExactly("main", "other");
        assertThat(scripts.find(account, "main").orElseThrow().content()).isEqualTo("discard;");
    }

    @Test
    void atMostOneScriptIsActiveAndTheActiveOneCannotBeDeleted() {
        scripts.put(account, "a", "keep;");
        scripts.put(account, "b", "keep;");

        scripts.activate(account, "a");
        scripts.activate(account, "b");

        assertThat(scripts.findActive(account).orElseThrow().name()).isEqualTo("b");
        assertThat(scripts.find(account, "a").orElseThrow().active()).isFalse();
        assertThatThrownBy(() -> scripts.delete(account, "b")).isInstanceOf(OperationNotAllowedException.class);
        assertThatThrownBy(() -> scripts.activate(account, "missing")).isInstanceOf(NotFoundException.class);
        assertThat(scripts.findActive(account)).as("a failed activation changes nothing").map(SieveScript::name).contains("b");

        scripts.activate(account, "");
        assertThat(scripts.findActive(account)).isEmpty();
        scripts.delete(account, "b");
        assertThat(scripts.list(account)).extracting(SieveScript::name).containsExactly("a");
    }

    @Test
    void renameKeepsTheActiveStateAndRefusesATakenName() {
        scripts.put(account, "a", "keep;");
        scripts.put(account, "b", "keep;");
        scripts.activate(account, "a");

        scripts.rename(account, "a", "c");

        assertThat(scripts.findActive(account).orElseThrow().name()).isEqualTo("c");
        assertThatThrownBy(() -> scripts.rename(account, "c", "b")).isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> scripts.rename(account, "a", "d")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theCountLimitRefusesANewNameButNotAReplacement() {
        scripts.put(account, "a", "keep;", 2);
        scripts.put(account, "b", "keep;", 2);

        assertThatThrownBy(() -> scripts.put(account, "c", "keep;", 2)).isInstanceOfSatisfying(SieveScriptRejected.class,
                e -> assertThat(e.reason()).isEqualTo(SieveScriptRejected.Reason.TOO_MANY));
        scripts.put(account, "b", "discard;", 2);

        assertThat(scripts.list(account)).extracting(SieveScript::content).containsExactly("keep;", "discard;");
        assertThatThrownBy(() -> scripts.put(-1, "a", "keep;", 2)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void concurrentUploadsOfNewNamesNeverPassTheCountLimit() throws Exception {
        int uploads = 8;
        int limit = 3;
        CyclicBarrier start = new CyclicBarrier(uploads);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(uploads)) {
            for (int i = 0; i < uploads; i++) {
                String name = "s" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        scripts.put(account, name, "keep;", limit);
                        return true;
                    } catch (SieveScriptRejected e) {
                        return false;
                    }
                }));
            }
            int stored = 0;
            for (Future<Boolean> r : results) {
                stored += r.get() ? 1 : 0;
            }
            assertThat(stored).isEqualTo(limit);
        }
        assertThat(scripts.list(account)).hasSize(limit);
    }

    @Test
    void aVacationReplyIsClaimedOncePerSenderPerPeriod() {
        assertThat(scripts.claimVacationReply(account, "h", "bob@remote.test", Duration.ofDays(7))).isTrue();
        assertThat(scripts.claimVacationReply(account, "h", "bob@remote.test", Duration.ofDays(7))).isFalse();
        assertThat(scripts.claimVacationReply(account, "h", "carol@remote.test", Duration.ofDays(7))).isTrue();
        assertThat(scripts.claimVacationReply(account, "other", "bob@remote.test", Duration.ofDays(7))).isTrue();

        JdbcClient.create(StoreTestDatabase.dataSource())
                .sql("UPDATE sieve_vacation_replies SET expires_at = now() - interval '1 second' WHERE account_id = :a AND sender = 'bob@remote.test' AND handle = 'h'")
                .param("a", account).update();

        assertThat(scripts.purgeExpiredVacationReplies()).isGreaterThanOrEqualTo(1);
        assertThat(scripts.claimVacationReply(account, "h", "bob@remote.test", Duration.ofDays(7))).as("after the period").isTrue();
    }
}
