package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;

/** SEARCHRES (RFC 5182): SEARCH RETURN (SAVE) and {@code $} in FETCH, STORE, COPY, MOVE, SEARCH and UID EXPUNGE. */
class SearchResultReferenceTest extends ImapTestBase {

    /** INBOX with five messages: 1, 3 and 5 from Alice, 2 and 4 from Carol. */
    private RawImap fiveMessages() throws Exception {
        Account account = newAccount();
        for (int i = 1; i <= 5; i++) {
            deliver(account, (i % 2 == 1 ? "From: alice@remote.test" : "From: carol@remote.test")
                    + "\r\nSubject: m" + i + "\r\n\r\nbody " + i + "\r\n");
        }
        RawImap imap = RawImap.implicitTls(implicitTlsPort());
        imap.readLine();
        assertThat(RawImap.last(imap.command("LOGIN " + account.address() + " " + RawImap.quote(PASSWORD)))).contains("OK");
        assertThat(RawImap.last(imap.command("SELECT INBOX"))).contains("OK");
        return imap;
    }

    private static List<String> untagged(List<String> lines) {
        return lines.subList(0, lines.size() - 1);
    }

    @Test
    void theSavedResultFeedsFetchStoreAndSearchInBothNumberingsWithoutAnUntaggedResponse() throws Exception {
        try (RawImap imap = fiveMessages()) {
            assertThat(imap.command("CAPABILITY").getFirst()).contains(" SEARCHRES ");
            assertThat(imap.command("SEARCH RETURN (SAVE) FROM alice"))
                    .containsExactly(imap.lastTag() + " OK SEARCH completed, result saved");
            assertThat(untagged(imap.command("FETCH $ (UID)")))
                    .containsExactly("* 1 FETCH (UID 1)", "* 3 FETCH (UID 3)", "* 5 FETCH (UID 5)");
            assertThat(untagged(imap.command("UID FETCH $ (UID)")))
                    .containsExactly("* 1 FETCH (UID 1)", "* 3 FETCH (UID 3)", "* 5 FETCH (UID 5)");
            imap.command("STORE $ +FLAGS.SILENT (\\Flagged)");
            assertThat(imap.command("SEARCH FLAGGED").getFirst()).isEqualTo("* SEARCH 1 3 5");
            assertThat(imap.command("UID SEARCH UID $ NOT SUBJECT m3").getFirst()).isEqualTo("* SEARCH 1 5");
            assertThat(imap.command("SEARCH OR $ 2").getFirst()).isEqualTo("* SEARCH 1 2 3 5");
            assertThat(imap.command("SEARCH NOT $").getFirst()).isEqualTo("* SEARCH 2 4");
            // A SEARCH without SAVE leaves $ alone; one with SAVE may use $ and replaces it.
            assertThat(imap.command("UID SEARCH RETURN (SAVE ALL) $ SUBJECT m5"))
                    .containsExactly("* ESEARCH (TAG \"" + imap.lastTag() + "\") UID ALL 5",
                            imap.lastTag() + " OK UID SEARCH completed, result saved");
            assertThat(untagged(imap.command("FETCH $ (UID)"))).containsExactly("* 5 FETCH (UID 5)");
        }
    }

    @Test
    void minAndMaxWithoutAllOrCountSaveOnlyTheMessagesTheyReturn() throws Exception {
        try (RawImap imap = fiveMessages()) {
            assertThat(imap.command("SEARCH RETURN (SAVE MIN) FROM carol").getFirst())
                    .isEqualTo("* ESEARCH (TAG \"" + imap.lastTag() + "\") MIN 2");
            assertThat(untagged(imap.command("FETCH $ (UID)"))).containsExactly("* 2 FETCH (UID 2)");
            assertThat(imap.command("SEARCH RETURN (MAX SAVE MIN) ALL").getFirst())
                    .isEqualTo("* ESEARCH (TAG \"" + imap.lastTag() + "\") MIN 1 MAX 5");
            assertThat(untagged(imap.command("FETCH $ (UID)"))).containsExactly("* 1 FETCH (UID 1)", "* 5 FETCH (UID 5)");
            assertThat(imap.command("SEARCH RETURN (MAX SAVE MIN COUNT) FROM alice").getFirst())
                    .isEqualTo("* ESEARCH (TAG \"" + imap.lastTag() + "\") MIN 1 MAX 5 COUNT 3");
            assertThat(untagged(imap.command("FETCH $ (UID)"))).hasSize(3);
            assertThat(imap.command("SEARCH RETURN (SAVE MAX) SUBJECT nothing-matches"))
                    .containsExactly("* ESEARCH (TAG \"" + imap.lastTag() + "\")", imap.lastTag() + " OK SEARCH completed, result saved");
            assertThat(imap.command("FETCH $ (UID)")).containsExactly(imap.lastTag() + " OK FETCH completed");
        }
    }

    @Test
    void aSaveSearchThatFailsEmptiesTheResultButBadAndPlainSearchesLeaveIt() throws Exception {
        try (RawImap imap = fiveMessages()) {
            imap.command("SEARCH RETURN (SAVE) FROM carol");
            assertThat(RawImap.last(imap.command("SEARCH RETURN (SAVE) NOSUCHKEY"))).startsWith(imap.lastTag() + " BAD");
            assertThat(RawImap.last(imap.command("SEARCH CHARSET KOI8-R FROM x"))).contains(" NO [BADCHARSET");
            assertThat(untagged(imap.command("FETCH $ (UID)"))).containsExactly("* 2 FETCH (UID 2)", "* 4 FETCH (UID 4)");

            assertThat(RawImap.last(imap.command("SEARCH RETURN (SAVE) CHARSET KOI8-R FROM x"))).contains(" NO [BADCHARSET");
            // An empty $ is a valid set that matches nothing (RFC 5182 2.1, Example 6).
            assertThat(imap.command("FETCH $ (UID)")).containsExactly(imap.lastTag() + " OK FETCH completed");
            assertThat(RawImap.last(imap.command("COPY $ Archive"))).contains(" OK ");
            assertThat(imap.command("SEARCH $").getFirst()).isEqualTo("* SEARCH");
        }
    }

    @Test
    void expungedMessagesDropOutAndSelectStartsEmpty() throws Exception {
        try (RawImap imap = fiveMessages()) {
            imap.command("SEARCH RETURN (SAVE) FROM alice");
            imap.command("STORE 3 +FLAGS.SILENT (\\Deleted)");
            assertThat(imap.command("EXPUNGE").getFirst()).isEqualTo("* 3 EXPUNGE");
            assertThat(untagged(imap.command("FETCH $ (UID)"))).containsExactly("* 1 FETCH (UID 1)", "* 4 FETCH (UID 5)");
            assertThat(RawImap.last(imap.command("UID MOVE $ Archive"))).contains(" OK ");
            assertThat(imap.command("STATUS Archive (MESSAGES)").getFirst()).isEqualTo("* STATUS Archive (MESSAGES 2)");

            imap.command("SEARCH RETURN (SAVE) ALL");
            imap.command("STORE $ +FLAGS.SILENT (\\Deleted)");
            List<String> expunged = imap.command("UID EXPUNGE $");
            assertThat(expunged).hasSize(3).startsWith("* 2 EXPUNGE", "* 1 EXPUNGE");
            assertThat(RawImap.last(expunged)).startsWith(imap.lastTag() + " OK");

            imap.command("SELECT Archive");
            imap.command("SEARCH RETURN (SAVE) ALL");
            imap.command("SELECT Archive");
            assertThat(imap.command("FETCH $ (UID)")).containsExactly(imap.lastTag() + " OK FETCH completed");
        }
    }

    @Test
    void theSavedResultIsRefusedWhereItCannotMeanAnything() throws Exception {
        try (RawImap imap = fiveMessages()) {
            imap.command("ENABLE QRESYNC");
            imap.command("SEARCH RETURN (SAVE) ALL");
            assertThat(RawImap.last(imap.command("SELECT INBOX (QRESYNC (1 1 $))"))).startsWith(imap.lastTag() + " BAD");
            assertThat(RawImap.last(imap.command("SEARCH RETURN (SAVE FOO) ALL"))).startsWith(imap.lastTag() + " BAD");
        }
    }
}
