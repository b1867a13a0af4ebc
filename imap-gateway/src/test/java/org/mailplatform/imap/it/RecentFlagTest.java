package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;

/**
 * RFC 3501 2.3.2 \Recent: a message is recent in exactly one session, the first read-write one
 * to see it (at SELECT, or when it arrives while selected); EXAMINE shows it without taking it;
 * STATUS, SELECT and the RECENT response count it; SEARCH RECENT, NEW and OLD find it; IMAP4rev2
 * sessions (RFC 9051) neither see nor take it.
 */
class RecentFlagTest extends ImapTestBase {

    @Test
    void examineShowsRecentMessagesAndTheFirstSelectTakesThem() throws Exception {
        Account account = newAccount();
        deliver(account, TestMessages.simple("one"));
        deliver(account, TestMessages.simple("two"));
        try (RawImap first = loggedIn(account); RawImap second = loggedIn(account)) {
            List<String> examine = first.command("EXAMINE INBOX");
            assertThat(examine).contains("* 2 EXISTS", "* 2 RECENT");
            assertThat(first.command("FETCH 1 (FLAGS)")).contains("* 1 FETCH (FLAGS (\\Recent))");
            first.command("CLOSE");
            assertThat(first.command("STATUS INBOX (MESSAGES RECENT UNSEEN)"))
                    .contains("* STATUS INBOX (MESSAGES 2 RECENT 2 UNSEEN 2)");

            assertThat(first.command("SELECT INBOX")).contains("* 2 EXISTS", "* 2 RECENT");
            assertThat(second.command("SELECT INBOX")).contains("* 2 EXISTS", "* 0 RECENT");
            assertThat(first.command("FETCH 1:2 (FLAGS)"))
                    .contains("* 1 FETCH (FLAGS (\\Recent))", "* 2 FETCH (FLAGS (\\Recent))");
            assertThat(second.command("FETCH 1:2 (FLAGS)")).contains("* 1 FETCH (FLAGS ())", "* 2 FETCH (FLAGS ())");
            assertThat(second.command("STATUS INBOX (RECENT)")).contains("* STATUS INBOX (RECENT 0)");
            first.command("CLOSE");
            // Closing ends \Recent: the next session does not get the messages again.
            assertThat(first.command("SELECT INBOX")).contains("* 0 RECENT");
        }
    }

    @Test
    void newMailIsRecentInTheOneSessionThatHearsOfItFirst() throws Exception {
        Account account = newAccount();
        deliver(account, TestMessages.simple("old"));
        try (RawImap first = loggedIn(account); RawImap second = loggedIn(account)) {
            first.command("SELECT INBOX");
            second.command("SELECT INBOX");
            deliver(account, TestMessages.simple("new one"));
            deliver(account, TestMessages.simple("new two"));
            assertThat(first.command("NOOP")).containsExactly("* 3 EXISTS", "* 3 RECENT", "T3 OK NOOP completed");
            assertThat(second.command("NOOP")).containsExactly("* 3 EXISTS", "* 0 RECENT", "T3 OK NOOP completed");

            assertThat(first.command("FETCH 2:3 (FLAGS)"))
                    .containsExactly("* 2 FETCH (FLAGS (\\Recent))", "* 3 FETCH (FLAGS (\\Recent))", "T4 OK FETCH completed");
            assertThat(first.command("STORE 3 +FLAGS (\\Seen)"))
                    .containsExactly("* 3 FETCH (FLAGS (\\Recent \\Seen))", "T5 OK STORE completed");
            assertThat(first.command("SEARCH RECENT")).contains("* SEARCH 1 2 3");
            assertThat(first.command("SEARCH NEW")).contains("* SEARCH 1 2");
            assertThat(first.command("SEARCH OLD")).contains("* SEARCH");
            assertThat(first.command("SEARCH NOT RECENT")).contains("* SEARCH");
            assertThat(second.command("SEARCH RECENT")).contains("* SEARCH");
            assertThat(second.command("SEARCH OLD")).contains("* SEARCH 1 2 3");
            assertThat(second.command("FETCH 3 (FLAGS)")).contains("* 3 FETCH (FLAGS (\\Seen))");
        }
    }

    @Test
    void imap4rev2SessionsNeitherSeeNorTakeRecent() throws Exception {
        Account account = newAccount();
        deliver(account, TestMessages.simple("for rev1"));
        try (RawImap rev2 = loggedIn(account); RawImap rev1 = loggedIn(account)) {
            rev2.command("ENABLE IMAP4rev2");
            assertThat(rev2.command("SELECT INBOX")).noneMatch(l -> l.contains("RECENT"));
            assertThat(rev2.command("FETCH 1 (FLAGS)")).contains("* 1 FETCH (FLAGS ())");
            assertThat(rev2.command("STATUS INBOX (RECENT)")).contains("* STATUS INBOX (RECENT 1)");
            assertThat(rev1.command("SELECT INBOX")).contains("* 1 RECENT");
            deliver(account, TestMessages.simple("later"));
            assertThat(rev2.command("NOOP")).containsExactly("* 2 EXISTS", "T6 OK NOOP completed");
            assertThat(rev1.command("NOOP")).containsExactly("* 2 EXISTS", "* 2 RECENT", "T3 OK NOOP completed");
        }
    }
}
