package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.delivery.RecipientDelivery;
import org.mailplatform.store.message.FlagChange;
import org.mailplatform.store.message.MessageFlags;
import org.mailplatform.store.message.SystemFlag;
import org.mailplatform.store.message.UidSet;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

/**
 * What one session committed, another session on the same mailbox reports at its next command
 * (RFC 9051 7.4: NOOP and CHECK are how a client asks), whatever the order in which the changes
 * commit while that command reads them. imaptest's {@code checkpoint=} compares every session's
 * view after a CHECK; these are the cases it found.
 */
class CrossSessionSyncTest extends ImapTestBase {

    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    DataSource dataSource;

    @Test
    void checkReportsEverythingAnotherSessionCommittedAtOnce() throws Exception {
        Account account = newAccount();
        for (int i = 1; i <= 3; i++) {
            deliver(account, TestMessages.simple("shared " + i));
        }
        try (RawImap watcher = loggedIn(account); RawImap changer = loggedIn(account)) {
            watcher.command("SELECT INBOX");
            changer.command("SELECT INBOX");
            changer.command("STORE 1 +FLAGS.SILENT (\\Deleted)");
            changer.command("EXPUNGE");
            appendMessage(changer, "INBOX", "(\\Seen)", TestMessages.simple("appended"));
            changer.command("STORE 2 +FLAGS.SILENT (\\Answered)");

            // Messages 2 and 3 stay \Recent here (this session selected first); the appended one is the changer's.
            assertThat(watcher.command("CHECK")).containsExactly(
                    "* 1 EXPUNGE",
                    "* 3 EXISTS",
                    "* 2 RECENT",
                    "* 2 FETCH (UID 3 FLAGS (\\Recent \\Answered))",
                    "T3 OK CHECK completed");
            assertThat(watcher.command("FETCH 3 (UID FLAGS)")).startsWith("* 3 FETCH (UID 4 FLAGS (\\Seen))");
        }
    }

    /**
     * A session's own STORE, FETCH that sets \Seen, or EXPUNGE reads the mailbox's HIGHESTMODSEQ
     * under its lock and then skips the store read at its completion only when it had seen
     * everything before: a change another session committed first is still reported with it.
     */
    @Test
    void aCommandThatChangesTheMailboxStillReportsWhatAnotherSessionChangedFirst() throws Exception {
        Account account = newAccount();
        for (int i = 1; i <= 4; i++) {
            deliver(account, TestMessages.simple("shared " + i));
        }
        try (RawImap watcher = loggedIn(account); RawImap changer = loggedIn(account)) {
            watcher.command("SELECT INBOX");
            changer.command("SELECT INBOX");

            changer.command("STORE 1 +FLAGS.SILENT (\\Flagged)");
            assertThat(watcher.command("STORE 2 +FLAGS (\\Answered)")).containsExactlyInAnyOrder(
                    "* 2 FETCH (FLAGS (\\Recent \\Answered))",
                    "* 1 FETCH (UID 1 FLAGS (\\Recent \\Flagged))",
                    watcher.lastTag() + " OK STORE completed");

            changer.command("STORE 3 +FLAGS.SILENT (\\Draft)");
            assertThat(watcher.command("FETCH 4 (BODY[HEADER.FIELDS (SUBJECT)])")).contains(
                    "* 3 FETCH (UID 3 FLAGS (\\Recent \\Draft))");

            changer.command("STORE 4 +FLAGS.SILENT (\\Deleted)");
            changer.command("EXPUNGE");
            changer.command("STORE 1 -FLAGS.SILENT (\\Flagged)");
            assertThat(watcher.command("EXPUNGE")).containsExactly(
                    "* 4 EXPUNGE",
                    "* 1 FETCH (UID 1 FLAGS (\\Recent))",
                    watcher.lastTag() + " OK EXPUNGE completed");
            // Nothing is reported twice.
            assertThat(watcher.command("NOOP")).containsExactly(watcher.lastTag() + " OK NOOP completed");
        }
    }

    /**
     * An expunge and a later flag change commit while another session's NOOP is reading the
     * store: each is reported exactly once, by that NOOP or the next command, never skipped. (The
     * updates are read in one statement, so from one snapshot: the NOOP, held until both commit,
     * sees both or neither; a session that read them in several statements could see the flag
     * change without the expunge and must then not count the expunge's MODSEQ as seen.)
     */
    @Test
    void anExpungeAndAFlagChangeCommittedWhileUpdatesAreReadAreEachReportedOnce() throws Exception {
        Account account = newAccount();
        RecipientDelivery first = deliver(account, TestMessages.simple("first"));
        deliver(account, TestMessages.simple("second"));
        deliver(account, TestMessages.simple("third"));
        long mailbox = first.mailboxId();
        try (RawImap watcher = loggedIn(account); RawImap changer = loggedIn(account)) {
            watcher.command("SELECT INBOX");
            changer.command("SELECT INBOX");
            // A change the watcher has not heard of, so its next NOOP reads the store.
            changer.command("STORE 2 +FLAGS.SILENT (\\Deleted)");

            TransactionTemplate tx = new TransactionTemplate(transactions);
            tx.executeWithoutResult(status -> {
                JdbcClient jdbc = JdbcClient.create(dataSource);
                // Holds the watcher's read of changed messages until the expunge and flag change below commit.
                jdbc.sql("LOCK TABLE messages IN ACCESS EXCLUSIVE MODE").update();
                try {
                    watcher.write("W1 NOOP\r\n");
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> JdbcClient.create(dataSource)
                        .sql("SELECT count(*) FROM pg_locks WHERE relation = 'messages'::regclass AND NOT granted")
                        .query(Long.class).single() > 0);
                // Join this transaction, so both commit with the lock's release.
                assertThat(messages.expunge(mailbox, UidSet.of(2)).uids()).containsExactly(2L);
                messages.storeFlags(mailbox, UidSet.of(3), FlagChange.add(MessageFlags.of(SystemFlag.SEEN)),
                        OptionalLong.empty());
            });
            List<String> during = watcher.readUntilTagged("W1");
            assertThat(RawImap.last(during)).isEqualTo("W1 OK NOOP completed");

            List<String> next = watcher.command("NOOP");
            List<String> both = new ArrayList<>(during);
            both.addAll(next);
            assertThat(both.stream().filter(l -> l.endsWith(" EXPUNGE"))).containsExactly("* 2 EXPUNGE");
            assertThat(both.stream().filter(l -> l.contains(" FETCH (UID 3 FLAGS ("))).singleElement()
                    .asString().contains("\\Seen");
            assertThat(watcher.command("FETCH 1:* (UID)")).containsExactly(
                    "* 1 FETCH (UID 1)", "* 2 FETCH (UID 3)", watcher.lastTag() + " OK FETCH completed");
        }
    }
}
