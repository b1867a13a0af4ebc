package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mailplatform.imap.metrics.ImapMetrics;
import org.mailplatform.imap.sync.MailboxEventListener;
import org.mailplatform.records.MailboxEvent;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.records.publish.MailboxEventPublisher;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.delivery.RecipientDelivery;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Several connections on one mailbox: IDLE pushes, changes by another session, deliveries
 * announced on {@code mailbox.events}, CONDSTORE/QRESYNC resynchronisation, and RFC 3501 7.4.1.
 */
class MailboxSyncTest extends ImapTestBase {

    @Autowired
    MailboxEventPublisher events;
    @Autowired
    MailboxEventListener listener;
    @Autowired
    ImapMetrics imapMetrics;
    @Autowired
    MeterRegistry meters;

    @Test
    void idleSessionSeesADeliveryAnnouncedOnTheTopicWithinOneSecond() throws Exception {
        Account account = newAccount();
        await().atMost(Duration.ofSeconds(30)).until(listener::isAssigned);
        try (RawImap imap = loggedIn(account)) {
            imap.command("SELECT INBOX");
            imap.write("I1 IDLE\r\n");
            assertThat(imap.readLine()).isEqualTo("+ idling");
            await().atMost(Duration.ofSeconds(5)).until(() -> imapMetrics.activeIdle() > 0);
            assertThat(meters.get("imap.idle.active").gauge().value()).isGreaterThanOrEqualTo(1);
            RecipientDelivery delivered = deliver(account, TestMessages.simple("pushed"));
            events.publish(MailboxEvent.messages(MailboxEventKind.NEW_MESSAGE, account.address().toString(),
                    delivered.mailboxId(), delivered.uidValidity(), List.of(delivered.uid()), delivered.modseq(), "mda-test"));
            long sent = System.nanoTime();
            imap.setTimeout(1000);
            assertThat(imap.readLine()).isEqualTo("* 1 EXISTS");
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(1));
            assertThat(imap.readLine()).isEqualTo("* 1 RECENT");
            imap.setTimeout(15_000);
            imap.write("DONE\r\n");
            assertThat(imap.readLine()).isEqualTo("I1 OK IDLE terminated");
        }
    }

    @Test
    void aFlagChangeBySecondSessionShowsUpWhileIdleAndAtTheNextCommand() throws Exception {
        Account account = newAccount();
        deliver(account, TestMessages.simple("shared"));
        deliver(account, TestMessages.simple("other"));
        try (RawImap watcher = loggedIn(account); RawImap changer = loggedIn(account)) {
            watcher.command("SELECT INBOX");
            changer.command("SELECT INBOX");
            watcher.write("I1 IDLE\r\n");
            assertThat(watcher.readLine()).isEqualTo("+ idling");
            changer.command("STORE 1 +FLAGS (\\Flagged)");
            watcher.setTimeout(1000);
            assertThat(watcher.readLine()).isEqualTo("* 1 FETCH (UID 1 FLAGS (\\Recent \\Flagged))");
            watcher.setTimeout(15_000);
            watcher.write("DONE\r\n");
            assertThat(watcher.readLine()).isEqualTo("I1 OK IDLE terminated");

            changer.command("STORE 2 +FLAGS (\\Seen)");
            assertThat(watcher.command("NOOP")).containsExactly("* 2 FETCH (UID 2 FLAGS (\\Recent \\Seen))", "T3 OK NOOP completed");

            watcher.write("I2 IDLE\r\n");
            assertThat(watcher.readLine()).isEqualTo("+ idling");
            changer.command("STORE 1 +FLAGS.SILENT (\\Deleted)");
            changer.command("EXPUNGE");
            watcher.setTimeout(1000);
            String line;
            do {
                line = watcher.readLine();
            } while (line.startsWith("* 1 FETCH"));
            assertThat(line).isEqualTo("* 1 EXPUNGE");
            watcher.setTimeout(15_000);
            watcher.write("DONE\r\n");
            assertThat(watcher.readLine()).isEqualTo("I2 OK IDLE terminated");
        }
    }

    @Test
    void expungesWaitUntilTheClientMayHearOfThem() throws Exception {
        Account account = newAccount();
        deliver(account, TestMessages.simple("first"));
        deliver(account, TestMessages.simple("second"));
        try (RawImap watcher = loggedIn(account); RawImap changer = loggedIn(account)) {
            watcher.command("SELECT INBOX");
            changer.command("SELECT INBOX");
            changer.command("STORE 1 +FLAGS.SILENT (\\Deleted)");
            changer.command("EXPUNGE");
            deliver(account, TestMessages.simple("third"));
            // RFC 3501 7.4.1: no EXPUNGE during FETCH; the numbers the client used stay valid.
            List<String> fetch = watcher.command("FETCH 1:2 (UID)");
            assertThat(fetch).noneMatch(l -> l.contains("EXPUNGE"));
            assertThat(fetch).contains("* 2 FETCH (UID 2)", "* 3 EXISTS");
            List<String> noop = watcher.command("NOOP");
            assertThat(noop).containsExactly("* 1 EXPUNGE", noop.getLast());
            assertThat(watcher.command("FETCH 1:* (UID)")).contains("* 1 FETCH (UID 2)", "* 2 FETCH (UID 3)");
        }
    }

    @Test
    void condstoreAndQresyncResynchroniseAfterAnotherConnectionsChanges() throws Exception {
        Account account = newAccount();
        for (int i = 1; i <= 3; i++) {
            deliver(account, TestMessages.simple("message " + i));
        }
        long uidValidity;
        long modseq;
        try (RawImap first = loggedIn(account)) {
            assertThat(first.command("ENABLE QRESYNC").getFirst()).isEqualTo("* ENABLED QRESYNC");
            List<String> select = first.command("SELECT INBOX");
            uidValidity = number(select, "UIDVALIDITY (\\d+)");
            modseq = number(select, "HIGHESTMODSEQ (\\d+)");
            assertThat(first.command("FETCH 1 (FLAGS MODSEQ)").getFirst()).matches("\\* 1 FETCH \\(FLAGS \\(\\\\Recent\\) MODSEQ \\(\\d+\\)\\)");
        }
        try (RawImap other = loggedIn(account)) {
            other.command("SELECT INBOX");
            other.command("STORE 1 +FLAGS (\\Deleted)");
            other.command("EXPUNGE");
            List<String> store = other.command("UID STORE 2 (UNCHANGEDSINCE " + modseq + ") +FLAGS (\\Answered)");
            // UNCHANGEDSINCE turns CONDSTORE on in the selected state (RFC 7162 3.1).
            assertThat(store.getFirst()).matches("\\* OK \\[HIGHESTMODSEQ \\d+\\] Highest");
            assertThat(store.get(1)).matches("\\* 1 FETCH \\(UID 2 FLAGS \\(\\\\Answered\\) MODSEQ \\(\\d+\\)\\)");
            List<String> conflict = other.command("STORE 1 (UNCHANGEDSINCE " + modseq + ") +FLAGS (\\Seen)");
            assertThat(conflict.getLast()).contains("OK [MODIFIED 1]");
        }
        try (RawImap again = loggedIn(account)) {
            again.command("ENABLE QRESYNC");
            List<String> select = again.command("SELECT INBOX (QRESYNC (" + uidValidity + " " + modseq + "))");
            assertThat(select).contains("* VANISHED (EARLIER) 1");
            assertThat(select).anyMatch(l -> l.matches("\\* 1 FETCH \\(UID 2 FLAGS \\(\\\\Answered\\) MODSEQ \\(\\d+\\)\\)"));
            assertThat(select).noneMatch(l -> l.contains("UID 3"));
            List<String> changed = again.command("UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + modseq + " VANISHED)");
            assertThat(changed.getFirst()).isEqualTo("* VANISHED (EARLIER) 1");
            assertThat(changed.get(1)).matches("\\* 1 FETCH \\(UID 2 FLAGS \\(\\\\Answered\\) MODSEQ \\(\\d+\\)\\)");
            again.command("STORE 2 +FLAGS (\\Deleted)");
            assertThat(again.command("EXPUNGE")).contains("* VANISHED 3");
        }
    }

    @Test
    void commandsAreCounted() throws Exception {
        Account account = newAccount();
        double before = meters.find("imap.commands").tag("command", "LOGIN").tag("result", "OK").counters().stream()
                .mapToDouble(c -> c.count()).sum();
        try (RawImap imap = loggedIn(account)) {
            imap.command("NOOP");
        }
        double after = meters.find("imap.commands").tag("command", "LOGIN").tag("result", "OK").counter().count();
        assertThat(after).isEqualTo(before + 1);
        assertThat(meters.find("imap.command.duration").tag("command", "NOOP").timer().count()).isPositive();
        assertThat(meters.find("imap.sessions").counter().count()).isPositive();
        assertThat(meters.find("imap.sessions.active").gauge()).isNotNull();
    }

    private static long number(List<String> lines, String regex) {
        Pattern pattern = Pattern.compile(regex);
        for (String line : lines) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new AssertionError(regex + " not in " + lines);
    }
}
