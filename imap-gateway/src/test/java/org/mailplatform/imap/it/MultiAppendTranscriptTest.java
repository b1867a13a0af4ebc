package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;

/**
 * MULTIAPPEND (RFC 3502): several messages in one APPEND, each with its own flags and date, stored
 * all or none, with APPENDUID listing their UIDs as a set (RFC 4315 3).
 */
class MultiAppendTranscriptTest extends ImapTestBase {

    private static final String FIRST = TestMessages.simple("multi one");
    private static final String SECOND = TestMessages.simple("multi two");
    private static final String THIRD = TestMessages.simple("multi three");

    private static int size(String message) {
        return message.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void capabilityAdvertisesMultiappend() throws Exception {
        try (RawImap imap = loggedIn(newAccount())) {
            assertThat(imap.command("CAPABILITY").getFirst()).contains(" MULTIAPPEND ");
        }
    }

    @Test
    void threeMessagesWithTheirOwnFlagsAndDatesGetConsecutiveUids() throws Exception {
        try (RawImap imap = loggedIn(newAccount())) {
            // The date is kept as an instant and shown in UTC. A synchronizing literal first: the server asks for each one in turn (RFC 3502 6.3.11).
            imap.write("M1 APPEND INBOX (\\Seen) \"01-Feb-2026 10:00:00 +0000\" {" + size(FIRST) + "}\r\n");
            assertThat(imap.readLine()).startsWith("+ ");
            imap.write(FIRST + " (\\Flagged $Work) {" + size(SECOND) + "}\r\n");
            assertThat(imap.readLine()).startsWith("+ ");
            imap.write(SECOND + " \"02-Mar-2026 11:30:00 +0100\" {" + size(THIRD) + "+}\r\n" + THIRD + "\r\n");
            List<String> reply = imap.readUntilTagged("M1");
            assertThat(RawImap.last(reply)).matches("M1 OK \\[APPENDUID \\d+ 1:3\\] APPEND completed");

            imap.command("SELECT INBOX");
            List<String> fetch = imap.command("FETCH 1:3 (UID FLAGS INTERNALDATE BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
            assertThat(fetch.get(0)).startsWith("* 1 FETCH (UID 1 FLAGS (\\Recent \\Seen) INTERNALDATE \"01-Feb-2026 10:00:00 +0000\"")
                    .contains("Subject: multi one");
            assertThat(fetch.get(1)).startsWith("* 2 FETCH (UID 2 FLAGS (\\Recent \\Flagged $Work) INTERNALDATE")
                    .contains("Subject: multi two");
            assertThat(fetch.get(2)).startsWith("* 3 FETCH (UID 3 FLAGS (\\Recent) INTERNALDATE \"02-Mar-2026 10:30:00 +0000\"")
                    .contains("Subject: multi three");
        }
    }

    @Test
    void anEmptyMessageAmongThemStoresNone() throws Exception {
        try (RawImap imap = loggedIn(newAccount())) {
            List<String> reply = imap.command("APPEND INBOX {" + size(FIRST) + "+}\r\n" + FIRST + " {0+}\r\n");
            assertThat(RawImap.last(reply)).startsWith(imap.lastTag() + " NO ");
            assertThat(imap.command("STATUS INBOX (MESSAGES UIDNEXT)").getFirst())
                    .isEqualTo("* STATUS INBOX (MESSAGES 0 UIDNEXT 1)");
        }
    }

    @Test
    void aBadFlagInTheSecondMessageIsBadAndStoresNone() throws Exception {
        try (RawImap imap = loggedIn(newAccount())) {
            List<String> reply = imap.command("APPEND INBOX {" + size(FIRST) + "+}\r\n" + FIRST
                    + " (\\Bogus) {" + size(SECOND) + "+}\r\n" + SECOND);
            assertThat(RawImap.last(reply)).startsWith(imap.lastTag() + " BAD ");
            assertThat(imap.command("STATUS INBOX (MESSAGES)").getFirst()).isEqualTo("* STATUS INBOX (MESSAGES 0)");
            // The connection goes on.
            assertThat(RawImap.last(imap.command("NOOP"))).endsWith("OK NOOP completed");
        }
    }

    @Test
    void messagesThatDoNotAllFitTheQuotaAreAllRefused() throws Exception {
        Account account = newAccount(size(FIRST) + size(SECOND) / 2);
        try (RawImap imap = loggedIn(account)) {
            List<String> reply = imap.command("APPEND INBOX {" + size(FIRST) + "+}\r\n" + FIRST
                    + " {" + size(SECOND) + "+}\r\n" + SECOND);
            assertThat(RawImap.last(reply)).startsWith(imap.lastTag() + " NO [OVERQUOTA]");
            assertThat(imap.command("STATUS INBOX (MESSAGES)").getFirst()).isEqualTo("* STATUS INBOX (MESSAGES 0)");
            // The first one alone fits, and takes the next UID: the refused command used none.
            assertThat(RawImap.last(imap.command("APPEND INBOX {" + size(FIRST) + "+}\r\n" + FIRST)))
                    .matches(".* OK \\[APPENDUID \\d+ 1\\] APPEND completed");
        }
    }

    @Test
    void theSelectedSessionAndAnotherOneHearOfAllOfThem() throws Exception {
        Account account = newAccount();
        try (RawImap appender = loggedIn(account); RawImap watcher = loggedIn(account)) {
            appender.command("SELECT INBOX");
            watcher.command("SELECT INBOX");
            List<String> reply = appender.command("APPEND INBOX {" + size(FIRST) + "+}\r\n" + FIRST
                    + " {" + size(SECOND) + "+}\r\n" + SECOND);
            assertThat(reply).contains("* 2 EXISTS");
            assertThat(watcher.command("NOOP")).contains("* 2 EXISTS");
        }
    }
}
