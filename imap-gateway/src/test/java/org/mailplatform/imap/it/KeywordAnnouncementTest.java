package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.mailplatform.imap.metrics.ImapMetrics;
import org.mailplatform.imap.sync.MailboxEventListener;
import org.mailplatform.records.MailboxEvent;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.records.publish.MailboxEventPublisher;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.delivery.RecipientDelivery;
import org.mailplatform.store.message.FlagChange;
import org.mailplatform.store.message.MessageFlags;
import org.mailplatform.store.message.StoreFlagsResult;
import org.mailplatform.store.message.UidSet;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * RFC 9051 7.3.5, RFC 3501 7.2.6: a keyword new to the mailbox reaches every session that has it
 * selected as a FLAGS response (and PERMANENTFLAGS) before any FETCH shows it: the session that
 * stored it, another session of this gateway, and a session told through {@code mailbox.events}.
 */
class KeywordAnnouncementTest extends ImapTestBase {

    private static final String SYSTEM = "\\Answered \\Flagged \\Deleted \\Seen \\Draft";

    @Autowired
    MailboxEventPublisher events;
    @Autowired
    MailboxEventListener listener;
    @Autowired
    ImapMetrics imapMetrics;

    private static String flags(String keywords) {
        return "* FLAGS (" + SYSTEM + keywords + ")";
    }

    private static String permanent(String keywords) {
        return "* OK [PERMANENTFLAGS (" + SYSTEM + keywords + " \\*)] Flags permitted";
    }

    @Test
    void aStoredKeywordIsAnnouncedToTheStorerAndToOtherSessionsBeforeItIsFetched() throws Exception {
        Account account = newAccount();
        deliver(account, TestMessages.simple("one"));
        deliver(account, TestMessages.simple("two"));
        try (RawImap storer = rev2(account); RawImap reader = rev2(account); RawImap idler = rev2(account)) {
            assertThat(storer.command("SELECT INBOX")).contains(flags(""), permanent(""));
            reader.command("SELECT INBOX");
            idler.command("SELECT INBOX");
            idler.write("I1 IDLE\r\n");
            assertThat(idler.readLine()).isEqualTo("+ idling");
            await().atMost(Duration.ofSeconds(5)).until(() -> imapMetrics.activeIdle() > 0);

            assertThat(storer.command("STORE 1 +FLAGS ($Work)")).containsExactly(
                    flags(" $Work"), permanent(" $Work"), "* 1 FETCH (FLAGS ($Work))", "T4 OK STORE completed");
            idler.setTimeout(2000);
            assertThat(List.of(idler.readLine(), idler.readLine(), idler.readLine())).containsExactly(
                    flags(" $Work"), permanent(" $Work"), "* 1 FETCH (UID 1 FLAGS ($Work))");

            assertThat(storer.command("STORE 2 +FLAGS ($Work)")).containsExactly(
                    "* 2 FETCH (FLAGS ($Work))", "T5 OK STORE completed");
            assertThat(idler.readLine()).isEqualTo("* 2 FETCH (UID 2 FLAGS ($Work))");
            assertThat(storer.command("UID STORE 2 +FLAGS.SILENT (Later)")).containsExactly(
                    flags(" $Work Later"), permanent(" $Work Later"), "T6 OK UID STORE completed");
            assertThat(List.of(idler.readLine(), idler.readLine(), idler.readLine())).containsExactly(
                    flags(" $Work Later"), permanent(" $Work Later"), "* 2 FETCH (UID 2 FLAGS ($Work Later))");
            idler.write("DONE\r\n");
            assertThat(idler.readLine()).isEqualTo("I1 OK IDLE terminated");

            // A FETCH that shows the keywords first (RFC 3501 7.4.1 keeps the other updates for later).
            assertThat(reader.command("FETCH 2 (FLAGS)")).containsExactly(
                    flags(" $Work Later"), permanent(" $Work Later"), "* 2 FETCH (FLAGS ($Work Later))",
                    "* 1 FETCH (UID 1 FLAGS ($Work))", "T4 OK FETCH completed");
            assertThat(reader.command("NOOP")).containsExactly("T5 OK NOOP completed");
        }
    }

    /** Logged in with IMAP4rev2 on, where \Recent does not exist (RFC 9051), to keep it out of these lines. */
    private RawImap rev2(Account account) throws Exception {
        RawImap imap = loggedIn(account);
        assertThat(imap.command("ENABLE IMAP4rev2")).contains("* ENABLED IMAP4rev2");
        return imap;
    }

    @Test
    void anAppendedKeywordIsAnnouncedBeforeTheNewMessageCanBeFetched() throws Exception {
        Account account = newAccount();
        deliver(account, TestMessages.simple("old"));
        try (RawImap watcher = rev2(account); RawImap appender = rev2(account)) {
            watcher.command("SELECT INBOX");
            appendMessage(appender, "INBOX", "($Invoice \\Seen)", TestMessages.simple("new"));
            assertThat(watcher.command("NOOP")).containsExactly(
                    flags(" $Invoice"), permanent(" $Invoice"), "* 2 EXISTS", "T4 OK NOOP completed");
            assertThat(watcher.command("FETCH 2 (FLAGS)")).containsExactly(
                    "* 2 FETCH (FLAGS (\\Seen $Invoice))", "T5 OK FETCH completed");
            // A new SELECT lists the keywords in use from the start.
            assertThat(appender.command("EXAMINE INBOX")).contains(flags(" $Invoice"), "* OK [PERMANENTFLAGS ()] Flags permitted");
        }
    }

    @Test
    void aKeywordStoredOnAnotherReplicaIsAnnouncedWhenItsEventArrives() throws Exception {
        Account account = newAccount();
        RecipientDelivery delivered = deliver(account, TestMessages.simple("remote"));
        await().atMost(Duration.ofSeconds(30)).until(listener::isAssigned);
        try (RawImap idler = rev2(account)) {
            idler.command("SELECT INBOX");
            idler.write("I1 IDLE\r\n");
            assertThat(idler.readLine()).isEqualTo("+ idling");
            await().atMost(Duration.ofSeconds(5)).until(() -> imapMetrics.activeIdle() > 0);

            // What another replica does: change the store, then publish the event under its own id.
            StoreFlagsResult stored = messages.storeFlags(delivered.mailboxId(), UidSet.of(delivered.uid()),
                    FlagChange.add(MessageFlags.of(List.of(), List.of("$Remote"))), OptionalLong.empty());
            events.publish(MailboxEvent.messages(MailboxEventKind.FLAGS_CHANGED, account.address().toString(),
                    delivered.mailboxId(), delivered.uidValidity(), List.of(delivered.uid()), stored.highestModseq(),
                    "imap-other-replica"));
            idler.setTimeout(5000);
            assertThat(List.of(idler.readLine(), idler.readLine(), idler.readLine())).containsExactly(
                    flags(" $Remote"), permanent(" $Remote"), "* 1 FETCH (UID 1 FLAGS ($Remote))");
            idler.write("DONE\r\n");
            assertThat(idler.readLine()).isEqualTo("I1 OK IDLE terminated");
        }
    }
}
