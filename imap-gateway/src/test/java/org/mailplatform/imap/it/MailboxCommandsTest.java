package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;

/** CREATE, DELETE, RENAME, (UN)SUBSCRIBE, LIST, LSUB, STATUS, SELECT and account scoping. */
class MailboxCommandsTest extends ImapTestBase {

    private RawImap login(Account account) throws Exception {
        RawImap imap = RawImap.implicitTls(implicitTlsPort());
        imap.readLine();
        assertThat(RawImap.last(imap.command("LOGIN " + account.address() + " " + RawImap.quote(PASSWORD)))).contains("OK");
        return imap;
    }

    @Test
    void createRenameDeleteAndList() throws Exception {
        Account account = newAccount();
        try (RawImap imap = login(account)) {
            assertThat(RawImap.last(imap.command("CREATE Projects/2026/"))).contains("OK CREATE");
            assertThat(RawImap.last(imap.command("CREATE Projects"))).contains("NO [ALREADYEXISTS]");
            assertThat(RawImap.last(imap.command("CREATE inbox"))).contains("NO [ALREADYEXISTS]");
            List<String> list = imap.command("LIST \"\" \"*\"");
            assertThat(list).contains("* LIST (\\HasChildren) \"/\" Projects", "* LIST (\\HasNoChildren) \"/\" Projects/2026",
                    "* LIST (\\HasNoChildren \\Sent) \"/\" Sent");
            assertThat(list).anyMatch(l -> l.equals("* LIST (\\HasNoChildren) \"/\" INBOX"));
            assertThat(imap.command("LIST \"\" %")).noneMatch(l -> l.contains("Projects/2026"));
            assertThat(imap.command("LIST \"Projects/\" %")).contains("* LIST (\\HasNoChildren) \"/\" Projects/2026");
            assertThat(imap.command("LIST \"\" \"\"").getFirst()).isEqualTo("* LIST (\\Noselect) \"/\" \"\"");

            assertThat(RawImap.last(imap.command("RENAME Projects Archive2026"))).contains("OK RENAME");
            assertThat(imap.command("LIST \"\" Archive2026/*")).contains("* LIST (\\HasNoChildren) \"/\" Archive2026/2026");
            assertThat(RawImap.last(imap.command("RENAME Nothing Else"))).contains("NO [NONEXISTENT]");

            assertThat(RawImap.last(imap.command("DELETE Archive2026"))).contains("OK DELETE");
            assertThat(imap.command("LIST \"\" Archive2026")).contains("* LIST (\\Noselect \\HasChildren) \"/\" Archive2026");
            assertThat(RawImap.last(imap.command("DELETE INBOX"))).contains("NO [CANNOT]");
            assertThat(RawImap.last(imap.command("DELETE Nothing"))).contains("NO [NONEXISTENT]");
        }
    }

    @Test
    void renamingInboxMovesItsMessagesAndLeavesItEmpty() throws Exception {
        Account account = newAccount();
        deliver(account, TestMessages.simple("first"));
        try (RawImap imap = login(account)) {
            assertThat(RawImap.last(imap.command("RENAME INBOX Old"))).contains("OK");
            assertThat(imap.command("STATUS INBOX (MESSAGES)")).contains("* STATUS INBOX (MESSAGES 0)");
            assertThat(imap.command("STATUS Old (MESSAGES)")).contains("* STATUS Old (MESSAGES 1)");
        }
    }

    @Test
    void subscriptionsListExtendedAndStatus() throws Exception {
        Account account = newAccount();
        deliver(account, TestMessages.simple("one"));
        try (RawImap imap = login(account)) {
            imap.command("CREATE Lists/Java");
            assertThat(RawImap.last(imap.command("SUBSCRIBE Lists/Java"))).contains("OK");
            assertThat(RawImap.last(imap.command("UNSUBSCRIBE Lists"))).contains("OK");
            assertThat(imap.command("LSUB \"\" *")).contains("* LSUB () \"/\" Lists/Java");
            assertThat(imap.command("LIST (SUBSCRIBED) \"\" *")).contains("* LIST (\\HasNoChildren \\Subscribed) \"/\" Lists/Java");
            assertThat(imap.command("LIST (SUBSCRIBED RECURSIVEMATCH) \"\" %"))
                    .contains("* LIST (\\HasChildren) \"/\" Lists (\"CHILDINFO\" (\"SUBSCRIBED\"))");
            assertThat(imap.command("LIST (SPECIAL-USE) \"\" *")).contains("* LIST (\\HasNoChildren \\Trash) \"/\" Trash")
                    .noneMatch(l -> l.contains("Lists"));
            assertThat(RawImap.last(imap.command("UNSUBSCRIBE Lists/Java"))).contains("OK");
            assertThat(imap.command("LSUB \"\" *")).noneMatch(l -> l.contains("Lists/Java"));

            List<String> status = imap.command("STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY UNSEEN DELETED SIZE HIGHESTMODSEQ)");
            assertThat(status.getFirst()).matches("\\* STATUS INBOX \\(MESSAGES 1 UIDNEXT 2 UIDVALIDITY \\d+ UNSEEN 1 DELETED 0 "
                    + "SIZE \\d+ HIGHESTMODSEQ \\d+\\)");
            assertThat(imap.command("LIST \"\" INBOX RETURN (STATUS (MESSAGES UNSEEN))"))
                    .contains("* STATUS INBOX (MESSAGES 1 UNSEEN 1)");
            assertThat(RawImap.last(imap.command("CREATE MyJunk (USE (\\Junk))"))).contains("OK");
            assertThat(imap.command("LIST \"\" MyJunk")).contains("* LIST (\\HasNoChildren \\Junk) \"/\" MyJunk");
            assertThat(RawImap.last(imap.command("CREATE Other (USE (\\Bogus))"))).contains("NO [USEATTR]");
        }
    }

    @Test
    void selectReportsTheMailboxState() throws Exception {
        Account account = newAccount();
        deliver(account, TestMessages.simple("one"));
        deliver(account, TestMessages.simple("two"));
        try (RawImap imap = login(account)) {
            List<String> select = imap.command("SELECT INBOX");
            assertThat(select).contains("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)", "* 2 EXISTS",
                    "* 2 RECENT");
            assertThat(select).anyMatch(l -> l.startsWith("* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)]"));
            assertThat(select).anyMatch(l -> l.startsWith("* OK [UNSEEN 1]"));
            assertThat(select).anyMatch(l -> l.startsWith("* OK [UIDVALIDITY "));
            assertThat(select).anyMatch(l -> l.startsWith("* OK [UIDNEXT 3]"));
            assertThat(select).anyMatch(l -> l.startsWith("* OK [HIGHESTMODSEQ "));
            assertThat(RawImap.last(select)).contains("OK [READ-WRITE] SELECT completed");
            List<String> examine = imap.command("EXAMINE INBOX");
            assertThat(examine).anyMatch(l -> l.startsWith("* OK [PERMANENTFLAGS ()]"));
            assertThat(RawImap.last(examine)).contains("OK [READ-ONLY]");
            assertThat(RawImap.last(imap.command("STORE 1 +FLAGS (\\Seen)"))).contains("NO");
            assertThat(RawImap.last(imap.command("SELECT Nothing"))).contains("NO [NONEXISTENT]");
            assertThat(RawImap.last(imap.command("FETCH 1 FLAGS"))).contains("BAD");
            imap.command("SELECT INBOX");
            assertThat(RawImap.last(imap.command("UNSELECT"))).contains("OK");
            assertThat(RawImap.last(imap.command("CLOSE"))).contains("BAD");
        }
    }

    @Test
    void aUserReachesOnlyTheirOwnMailboxes() throws Exception {
        Account alice = newAccount();
        Account bob = newAccount();
        try (RawImap imap = login(bob)) {
            imap.command("CREATE Secret");
        }
        deliver(bob, TestMessages.simple("for bob only"));
        try (RawImap imap = login(alice)) {
            assertThat(RawImap.last(imap.command("SELECT Secret"))).contains("NO [NONEXISTENT]");
            assertThat(imap.command("LIST \"\" *")).noneMatch(l -> l.contains("Secret"));
            assertThat(imap.command("LIST \"\" \"%/*\"")).noneMatch(l -> l.contains("Secret"));
            String bobsPath = "\"" + bob.address() + "/Secret\"";
            assertThat(RawImap.last(imap.command("SELECT " + bobsPath))).contains("NO [NONEXISTENT]");
            assertThat(RawImap.last(imap.command("SELECT \"../" + bob.address() + "/INBOX\""))).contains("NO [NONEXISTENT]");
            assertThat(RawImap.last(imap.command("CREATE \"../Secret\""))).contains("NO [CANNOT]");
            assertThat(RawImap.last(imap.command("CREATE \"a/../b\""))).contains("NO [CANNOT]");
            assertThat(RawImap.last(imap.command("CREATE \"/Secret\""))).contains("NO [CANNOT]");
            assertThat(RawImap.last(imap.command("CREATE \"x//y\""))).contains("NO [CANNOT]");
            assertThat(RawImap.last(imap.command("CREATE \"Sec*\""))).contains("NO [CANNOT]");
            assertThat(RawImap.last(imap.command("CREATE \"Sec%\""))).contains("NO [CANNOT]");
            assertThat(RawImap.last(imap.command("RENAME INBOX \"../x\""))).contains("NO [CANNOT]");
            assertThat(imap.command("STATUS INBOX (MESSAGES)")).contains("* STATUS INBOX (MESSAGES 0)");
            assertThat(RawImap.last(imap.command("STATUS Secret (MESSAGES)"))).contains("NO [NONEXISTENT]");
        }
        assertThat(mailboxes.find(bob.id(), "Secret")).isPresent();
        assertThat(mailboxes.list(alice.id())).noneMatch(m -> m.name().contains("Secret"));
    }

    @Test
    void namesTravelInModifiedUtf7UntilUtf8IsEnabled() throws Exception {
        Account account = newAccount();
        try (RawImap imap = login(account)) {
            assertThat(RawImap.last(imap.command("CREATE Entw&APw-rfe"))).contains("OK");
            assertThat(imap.command("LIST \"\" Entw*")).contains("* LIST (\\HasNoChildren) \"/\" Entw&APw-rfe");
            assertThat(imap.command("ENABLE UTF8=ACCEPT").getFirst()).isEqualTo("* ENABLED UTF8=ACCEPT");
            assertThat(imap.command("LIST \"\" Entw*")).contains("* LIST (\\HasNoChildren) \"/\" \"Entwürfe\"");
            assertThat(RawImap.last(imap.command("SELECT \"Entwürfe\""))).contains("OK [READ-WRITE]");
        }
        assertThat(mailboxes.find(account.id(), "Entwürfe")).isPresent();
    }

    @Test
    void appendingToTheSelectedMailboxAnnouncesTheMessage() throws Exception {
        Account account = newAccount();
        try (RawImap imap = login(account)) {
            imap.command("SELECT INBOX");
            String message = TestMessages.simple("appended");
            List<String> append = imap.command("APPEND INBOX {" + message.length() + "+}\r\n" + message);
            assertThat(append).contains("* 1 EXISTS");
            assertThat(RawImap.last(append)).contains("OK [APPENDUID");
            assertThat(RawImap.last(imap.command("APPEND Nowhere {3+}\r\nabc"))).contains("NO [TRYCREATE]");
        }
    }
}
