package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;

/**
 * COPY and MOVE as a second session sees them: flags, keywords and internal dates go with the
 * copies, the copies are \Recent in the session that hears of them (RFC 3501 6.4.7, 2.3.2), and
 * MOVE or COPY into the selected mailbox itself gives the messages new UIDs there (RFC 6851 3.3,
 * RFC 4315 COPYUID).
 */
class CopyMoveTest extends ImapTestBase {

    @Test
    void copiesKeepFlagsAndDatesAndAreRecentInTheSessionWatchingTheTarget() throws Exception {
        Account account = newAccount();
        try (RawImap source = loggedIn(account); RawImap target = loggedIn(account)) {
            source.command("SELECT INBOX");
            for (int i = 1; i <= 5; i++) {
                appendMessage(source, "INBOX", "", TestMessages.simple("message " + i));
            }
            source.command("CHECK");
            target.command("CREATE Copies");
            target.command("SELECT Copies");
            source.command("STORE 1 FLAGS (\\Seen)");
            source.command("STORE 2 FLAGS (\\Answered \\Flagged)");
            source.command("STORE 5 FLAGS (\\Flagged $Keyword1 $Keyword2)");
            List<String> dates = source.command("FETCH 1:5 (INTERNALDATE)");

            assertThat(RawImap.last(source.command("COPY 1:2,4 Copies"))).matches("T\\d+ OK \\[COPYUID \\d+ 1:2,4 1:3\\] COPY completed");
            assertThat(target.command("NOOP")).containsExactly("* 3 EXISTS", "* 3 RECENT", "T4 OK NOOP completed");
            assertThat(target.command("FETCH 1:3 (FLAGS INTERNALDATE)")).containsExactly(
                    "* 1 FETCH (FLAGS (\\Recent \\Seen) INTERNALDATE " + date(dates, 1) + ")",
                    "* 2 FETCH (FLAGS (\\Recent \\Answered \\Flagged) INTERNALDATE " + date(dates, 2) + ")",
                    "* 3 FETCH (FLAGS (\\Recent) INTERNALDATE " + date(dates, 4) + ")",
                    "T5 OK FETCH completed");

            source.command("COPY 5 Copies");
            assertThat(target.command("NOOP")).containsExactly(
                    "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Keyword1 $Keyword2)",
                    "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Keyword1 $Keyword2 \\*)] Flags permitted",
                    "* 4 EXISTS", "* 4 RECENT", "T6 OK NOOP completed");
            assertThat(target.command("FETCH 4 (FLAGS INTERNALDATE)")).containsExactly(
                    "* 4 FETCH (FLAGS (\\Recent \\Flagged $Keyword1 $Keyword2) INTERNALDATE " + date(dates, 5) + ")",
                    "T7 OK FETCH completed");
        }
    }

    @Test
    void moveToAnotherMailboxAndToTheSelectedOneItself() throws Exception {
        Account account = newAccount();
        try (RawImap imap = loggedIn(account)) {
            for (int i = 1; i <= 3; i++) {
                appendMessage(imap, "INBOX", "", TestMessages.simple("message " + i));
            }
            imap.command("CREATE Moved");
            List<String> dest = imap.command("SELECT Moved");
            assertThat(dest).contains("* 0 EXISTS");
            long destValidity = number(dest, "UIDVALIDITY (\\d+)");
            long destNext = number(dest, "UIDNEXT (\\d+)");
            List<String> inbox = imap.command("SELECT INBOX");
            long validity = number(inbox, "UIDVALIDITY (\\d+)");
            long next = number(inbox, "UIDNEXT (\\d+)");

            assertThat(imap.command("MOVE 1 Moved")).containsExactly(
                    "* OK [COPYUID " + destValidity + " 1 " + destNext + "] Moved", "* 1 EXPUNGE", "T8 OK MOVE completed");
            assertThat(imap.command("UID MOVE 2 Moved")).containsExactly(
                    "* OK [COPYUID " + destValidity + " 2 " + (destNext + 1) + "] Moved", "* 1 EXPUNGE",
                    "T9 OK MOVE completed");

            assertThat(imap.command("MOVE 1 INBOX")).containsExactly(
                    "* OK [COPYUID " + validity + " 3 " + next + "] Moved", "* 1 EXPUNGE", "* 1 EXISTS", "* 1 RECENT",
                    "T10 OK MOVE completed");
            assertThat(imap.command("FETCH 1 (UID FLAGS)")).containsExactly(
                    "* 1 FETCH (UID " + next + " FLAGS (\\Recent))", "T11 OK FETCH completed");

            assertThat(imap.command("COPY 1 INBOX")).containsExactly(
                    "* 2 EXISTS", "* 2 RECENT", "T12 OK [COPYUID " + validity + " " + next + " " + (next + 1) + "] COPY completed");
            assertThat(imap.command("UID SEARCH ALL")).contains("* SEARCH " + next + " " + (next + 1));
        }
    }

    private static String date(List<String> fetch, int seq) {
        Matcher m = Pattern.compile("\\* " + seq + " FETCH \\(INTERNALDATE (\"[^\"]+\")\\)").matcher(String.join("\n", fetch));
        assertThat(m.find()).as("INTERNALDATE of %d in %s", seq, fetch).isTrue();
        return m.group(1);
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
