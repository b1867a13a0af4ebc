package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** ESORT (RFC 5267 3.2): SORT RETURN (MIN MAX COUNT ALL) answers with ESEARCH, in sort order. */
class EsortTranscriptTest extends ImapTestBase {

    private static String message(String subject) {
        return "From: a@remote.test\r\nSubject: " + subject + "\r\n\r\nbody\r\n";
    }

    /** INBOX selected with subjects c, a, b, d (UIDs 1 to 4). */
    private RawImap mailbox() throws Exception {
        RawImap imap = loggedIn(newAccount());
        for (String subject : List.of("c", "a", "b", "d")) {
            appendMessage(imap, "INBOX", "", message(subject));
        }
        imap.command("SELECT INBOX");
        return imap;
    }

    @Test
    void capabilityAdvertisesEsort() throws Exception {
        try (RawImap imap = loggedIn(newAccount())) {
            assertThat(imap.command("CAPABILITY").getFirst()).contains(" ESORT ");
        }
    }

    @Test
    void minAndMaxAreTheEndsOfTheSortOrderAndAllKeepsIt() throws Exception {
        try (RawImap imap = mailbox()) {
            List<String> reply = imap.command("SORT RETURN (MIN MAX COUNT ALL) (SUBJECT) US-ASCII ALL");
            String tag = imap.lastTag();
            assertThat(reply).containsExactly("* ESEARCH (TAG \"" + tag + "\") MIN 2 MAX 4 ALL 2:3,1,4 COUNT 4",
                    tag + " OK SORT completed");
            reply = imap.command("UID SORT RETURN () (REVERSE ARRIVAL) UTF-8 NOT SUBJECT d");
            tag = imap.lastTag();
            assertThat(reply).containsExactly("* ESEARCH (TAG \"" + tag + "\") UID ALL 3,2,1", tag + " OK UID SORT completed");
        }
    }

    @Test
    void noMatchReturnsOnlyTheCount() throws Exception {
        try (RawImap imap = mailbox()) {
            List<String> reply = imap.command("SORT RETURN (MIN MAX ALL COUNT) (ARRIVAL) US-ASCII SUBJECT nothing");
            String tag = imap.lastTag();
            assertThat(reply).containsExactly("* ESEARCH (TAG \"" + tag + "\") COUNT 0", tag + " OK SORT completed");
        }
    }

    @Test
    void unknownReturnOptionsAreBad() throws Exception {
        try (RawImap imap = mailbox()) {
            assertThat(RawImap.last(imap.command("SORT RETURN (PARTIAL 1:2) (ARRIVAL) US-ASCII ALL")))
                    .startsWith(imap.lastTag() + " BAD ");
            assertThat(RawImap.last(imap.command("SORT RETURN (MIN) US-ASCII ALL"))).startsWith(imap.lastTag() + " BAD ");
        }
    }
}
