package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** SORT, UID SORT, THREAD and UID THREAD (RFC 5256, SORT=DISPLAY RFC 5957) over a real connection. */
class SortThreadTranscriptTest extends ImapTestBase {

    /**
     * A selected INBOX whose first message was expunged, so UIDs are sequence numbers plus one, then
     * the given messages appended with their internal dates.
     */
    private Transcript mailbox(String[]... messages) throws Exception {
        Transcript t = Transcript.login(this);
        append(t, "01-Jan-2024 00:00:00 +0000", "Subject: filler", "");
        t.send("SELECT INBOX");
        t.send("STORE 1 +FLAGS.SILENT (\\Deleted)");
        t.send("EXPUNGE").expect("* 1 EXPUNGE", "OK EXPUNGE completed");
        for (String[] m : messages) {
            append(t, m[0], List.of(m).subList(1, m.length - 1), m[m.length - 1]);
        }
        return t;
    }

    private static void append(Transcript t, String internalDate, String header, String body) throws Exception {
        append(t, internalDate, List.of(header), body);
    }

    private static void append(Transcript t, String internalDate, List<String> header, String body) throws Exception {
        String message = String.join("\r\n", header) + "\r\n\r\n" + body + "\r\n";
        int octets = message.getBytes(StandardCharsets.UTF_8).length;
        t.send("APPEND INBOX \"" + internalDate + "\" {" + octets + "+}\r\n" + message);
        assertThat(t.lines().getLast()).contains(" OK [APPENDUID");
    }

    private static String[] message(String internalDate, String body, String... header) {
        List<String> parts = new ArrayList<>();
        parts.add(internalDate);
        parts.addAll(List.of(header));
        parts.add(body);
        return parts.toArray(String[]::new);
    }

    /** Four messages that every criterion orders differently. */
    private Transcript fourMessages() throws Exception {
        return mailbox(
                message("04-Mar-2024 09:00:00 +0000", "x".repeat(4000),
                        "From: \"Zed\" <bob@remote.test>", "To: carol@remote.test", "Cc: dave@remote.test",
                        "Subject: Re: Banana", "Date: Sun, 03 Mar 2024 09:00:00 +0000"),
                message("02-Mar-2024 09:00:00 +0000", "x".repeat(3000),
                        "From: Alice <zoe@remote.test>", "To: Yan <adam@remote.test>",
                        "Subject: apple", "Date: Fri, 01 Mar 2024 09:00:00 +0000"),
                message("01-Mar-2024 12:00:00 +0000", "x".repeat(1000),
                        "From: mike@remote.test", "To: Bea <bea@remote.test>", "Cc: Al <al@remote.test>",
                        "Subject: [list] Cherry (fwd)"),
                message("29-Feb-2024 08:00:00 +0000", "x".repeat(2000),
                        "From: =?UTF-8?Q?=C3=89mile?= <emile@remote.test>", "To: zack@remote.test",
                        "Subject: =?UTF-8?Q?Fwd:_Apple?=", "Date: not a date"));
    }

    @Test
    void capabilitiesAdvertiseSortAndThread() throws Exception {
        try (Transcript t = Transcript.login(this)) {
            t.send("CAPABILITY");
            assertThat(t.lines().getFirst()).contains(" SORT ", " SORT=DISPLAY ", " THREAD=ORDEREDSUBJECT ", " THREAD=REFERENCES ");
        }
    }

    @Test
    void eachCriterionOrdersByItsKeyWithTiesInMailboxOrder() throws Exception {
        try (Transcript t = fourMessages()) {
            t.send("SORT (ARRIVAL) UTF-8 ALL").expect("* SORT 4 3 2 1", "OK SORT completed");
            // Message 3 has no Date and message 4 an invalid one: their internal dates stand in (RFC 5256 2.2).
            t.send("SORT (DATE) UTF-8 ALL").expect("* SORT 4 2 3 1", "OK SORT completed");
            t.send("SORT (FROM) UTF-8 ALL").expect("* SORT 1 4 3 2", "OK SORT completed");
            t.send("SORT (TO) UTF-8 ALL").expect("* SORT 2 3 1 4", "OK SORT completed");
            t.send("SORT (CC) UTF-8 ALL").expect("* SORT 2 4 3 1", "OK SORT completed");
            t.send("SORT (SUBJECT) UTF-8 ALL").expect("* SORT 2 4 1 3", "OK SORT completed");
            t.send("SORT (SIZE) UTF-8 ALL").expect("* SORT 3 4 2 1", "OK SORT completed");
            // i;unicode-casemap (RFC 5051): "Émile" sorts with the E.
            t.send("SORT (DISPLAYFROM) UTF-8 ALL").expect("* SORT 2 4 3 1", "OK SORT completed");
            t.send("SORT (DISPLAYTO) UTF-8 ALL").expect("* SORT 3 1 2 4", "OK SORT completed");
        }
    }

    @Test
    void aGroupSortsByItsNameAsTheFirstAddress() throws Exception {
        // RFC 5256 3 compares the first address's addr-mailbox; for a group that is its start marker,
        // whose addr-mailbox is the group name (RFC 3501 7.4.2). Ties stay in mailbox order.
        try (Transcript t = mailbox(
                message("01-Mar-2024 00:00:00 +0000", "1", "From: user2@domain2.org",
                        "To: foo bar <user2@domain2.org>", "Cc: user2@domain2.org (foo bar)"),
                message("02-Mar-2024 00:00:00 +0000", "2", "From: user2@domain1.org",
                        "To: user2@domain1.org", "Cc: user2: blah@domain1.org;"),
                message("03-Mar-2024 00:00:00 +0000", "3", "From: user1@domain1.org",
                        "To: user1@domain1.org", "Cc: user1@domain1.org"))) {
            t.send("SORT (CC) US-ASCII ALL").expect("* SORT 3 1 2", "OK SORT completed");
            t.send("SORT (REVERSE CC) US-ASCII ALL").expect("* SORT 1 2 3", "OK SORT completed");
            t.send("SORT (CC REVERSE ARRIVAL) US-ASCII ALL").expect("* SORT 3 2 1", "OK SORT completed");
        }
    }

    @Test
    void displaySortUsesAGroupsName() throws Exception {
        // RFC 5957 3: the display name, else the addr-spec; a group shows as its name.
        try (Transcript t = mailbox(
                message("01-Mar-2024 00:00:00 +0000", "1", "To: foo bar <a@b.c>"),
                message("01-Mar-2024 00:00:00 +0000", "2", "To: b@c.d"),
                message("01-Mar-2024 00:00:00 +0000", "3", "To: d"),
                message("01-Mar-2024 00:00:00 +0000", "4", "To: =?iso-8859-1?q?foo_aar?= <e@f.g>"),
                message("01-Mar-2024 00:00:00 +0000", "5", "To: =?iso-8859-1?q?foo_car?= <f@g.h>"),
                message("01-Mar-2024 00:00:00 +0000", "6", "To: a: xx@xx.org, yy@yy.org;"),
                message("01-Mar-2024 00:00:00 +0000", "7", "To: z: aa@aa.org, bb@bb.org;"),
                message("01-Mar-2024 00:00:00 +0000", "8", "To: empty:;"))) {
            t.send("SORT (DISPLAYTO) US-ASCII ALL").expect("* SORT 6 2 3 8 4 1 5 7", "OK SORT completed");
            t.send("SORT (REVERSE DISPLAYTO) US-ASCII ALL").expect("* SORT 7 5 1 4 8 3 2 6", "OK SORT completed");
        }
    }

    @Test
    void reverseAppliesToTheNextKeyAndLaterKeysBreakTies() throws Exception {
        try (Transcript t = fourMessages()) {
            t.send("SORT (REVERSE SIZE) UTF-8 ALL").expect("* SORT 1 2 4 3", "OK SORT completed");
            t.send("SORT (REVERSE SUBJECT ARRIVAL) UTF-8 ALL").expect("* SORT 3 1 4 2", "OK SORT completed");
            t.send("sort (subject reverse arrival) utf-8 all").expect("* SORT 2 4 1 3", "OK SORT completed");
            t.send("UID SORT (ARRIVAL) UTF-8 ALL").expect("* SORT 5 4 3 2", "OK UID SORT completed");
            t.send("UID SORT (SUBJECT) US-ASCII UID 3:5").expect("* SORT 3 5 4", "OK UID SORT completed");
        }
    }

    @Test
    void searchKeysSelectWhatIsSorted() throws Exception {
        try (Transcript t = fourMessages()) {
            t.send("SORT (SUBJECT) UTF-8 FROM remote.test NOT SUBJECT banana").expect("* SORT 2 4 3", "OK SORT completed");
            t.send("SORT (DATE) US-ASCII SINCE 1-Mar-2024").expect("* SORT 2 3 1", "OK SORT completed");
            t.send("SORT (DATE) UTF-8 SUBJECT nothing-matches").expect("* SORT", "OK SORT completed");
            t.send("SORT (ARRIVAL) \"UTF-8\" OR 1 2").expect("* SORT 2 1", "OK SORT completed");
            // RFC 7162 3.1.5: a MODSEQ key adds the highest mod-sequence of the messages found.
            // A MODSEQ search key enables CONDSTORE, announced first with HIGHESTMODSEQ (RFC 7162 3.1).
            t.send("SORT (ARRIVAL) UTF-8 MODSEQ 1");
            assertThat(t.lines().getFirst()).startsWith("* OK [HIGHESTMODSEQ ");
            assertThat(t.lines().get(1)).matches("\\* SORT 4 3 2 1 \\(MODSEQ [1-9][0-9]*\\)");
        }
    }

    @Test
    void anUnknownCharsetIsRefusedWithTheSupportedOnes() throws Exception {
        try (Transcript t = fourMessages()) {
            t.send("SORT (DATE) KOI8-R ALL").expect("NO [BADCHARSET (UTF-8 US-ASCII)] Unsupported charset");
            t.send("THREAD REFERENCES ISO-2022-JP ALL").expect("NO [BADCHARSET (UTF-8 US-ASCII)] Unsupported charset");
        }
    }

    @Test
    void malformedCommandsAreBad() throws Exception {
        try (Transcript t = fourMessages()) {
            for (String command : List.of("SORT () UTF-8 ALL", "SORT (REVERSE) UTF-8 ALL", "SORT (NAME) UTF-8 ALL",
                    "SORT DATE UTF-8 ALL", "SORT (DATE) UTF-8", "SORT (DATE)", "UID SORT (DATE) UTF-8 NOSUCHKEY",
                    "THREAD", "THREAD NOSUCHALGORITHM UTF-8 ALL", "THREAD REFERENCES UTF-8", "UID THREAD (REFERENCES) UTF-8 ALL")) {
                t.send(command);
                assertThat(t.lines()).as(command).hasSize(1);
                assertThat(t.lines().getFirst()).as(command).startsWith(t.tag() + " BAD ");
            }
            t.send("NOOP").expect("OK NOOP completed");
        }
    }

    @Test
    void sortAndThreadNeedASelectedMailbox() throws Exception {
        try (Transcript t = Transcript.login(this)) {
            t.send("SORT (DATE) UTF-8 ALL");
            assertThat(t.lines().getLast()).startsWith(t.tag() + " BAD");
            t.send("THREAD REFERENCES UTF-8 ALL");
            assertThat(t.lines().getLast()).startsWith(t.tag() + " BAD");
        }
    }

    /** A conversation with a missing parent, a reply to a lost message, a reference loop and an absurd References field. */
    private Transcript conversations() throws Exception {
        StringBuilder manyReferences = new StringBuilder("References:");
        for (int i = 0; i < 2000; i++) {
            manyReferences.append(i % 10 == 0 ? "\r\n " : " ").append("<noise-").append(i).append("@remote.test>");
        }
        manyReferences.append(" <plan-reply@remote.test>");
        return mailbox(
                message("05-Mar-2024 00:00:00 +0000", "root",
                        "Message-ID: <plan@remote.test>", "Subject: Plan", "Date: Fri, 01 Mar 2024 10:00:00 +0000"),
                message("05-Mar-2024 00:00:00 +0000", "reply",
                        "Message-ID: <plan-reply@remote.test>", "In-Reply-To: <plan@remote.test>",
                        "Subject: Re: Plan", "Date: Fri, 01 Mar 2024 11:00:00 +0000"),
                message("05-Mar-2024 00:00:00 +0000", "reply to a reply we never got",
                        "Message-ID: <plan-late@remote.test>", "References: <plan@remote.test> <never-seen@remote.test>",
                        "Subject: Re: Plan", "Date: Fri, 01 Mar 2024 12:00:00 +0000"),
                message("05-Mar-2024 00:00:00 +0000", "lost 1",
                        "Message-ID: <lost-1@remote.test>", "References: <lost@remote.test>",
                        "Subject: Re: Lost", "Date: Fri, 01 Mar 2024 09:00:00 +0000"),
                message("05-Mar-2024 00:00:00 +0000", "lost 2",
                        "Message-ID: <lost-2@remote.test>", "In-Reply-To: <lost@remote.test>",
                        "Subject: RE: lost", "Date: Fri, 01 Mar 2024 09:30:00 +0000"),
                message("05-Mar-2024 00:00:00 +0000", "loop 1",
                        "Message-ID: <loop-f@remote.test>", "References: <loop-g@remote.test>",
                        "Subject: Loop", "Date: Sat, 02 Mar 2024 00:00:00 +0000"),
                message("05-Mar-2024 00:00:00 +0000", "loop 2",
                        "Message-ID: <loop-g@remote.test>", "References: <loop-f@remote.test>",
                        "Subject: Loop", "Date: Sat, 02 Mar 2024 01:00:00 +0000"),
                message("05-Mar-2024 00:00:00 +0000", "long references",
                        "Message-ID: <plan-long@remote.test>", manyReferences.toString(),
                        "Subject: Re: Plan", "Date: Fri, 01 Mar 2024 13:00:00 +0000"));
    }

    @Test
    void threadReferencesLinksRepliesDummiesAndLoops() throws Exception {
        try (Transcript t = conversations()) {
            t.send("THREAD REFERENCES UTF-8 ALL").expect("* THREAD ((4)(5))(1 (2 8)(3))(7 6)", "OK THREAD completed");
            t.send("UID THREAD REFERENCES UTF-8 ALL").expect("* THREAD ((5)(6))(2 (3 9)(4))(8 7)", "OK UID THREAD completed");
            t.send("THREAD REFERENCES US-ASCII SUBJECT plan").expect("* THREAD (1 (2 8)(3))", "OK THREAD completed");
            // The thread's root left out by the search keys: a dummy holds its two branches.
            t.send("THREAD REFERENCES UTF-8 SUBJECT plan NOT HEADER Message-ID <plan@remote.test>")
                    .expect("* THREAD ((2 8)(3))", "OK THREAD completed");
            t.send("THREAD REFERENCES UTF-8 SUBJECT nothing-matches").expect("* THREAD", "OK THREAD completed");
        }
    }

    @Test
    void threadOrderedSubjectGroupsByBaseSubject() throws Exception {
        try (Transcript t = conversations()) {
            t.send("THREAD ORDEREDSUBJECT UTF-8 ALL").expect("* THREAD (4 5)(1 (2)(3)(8))(6 7)", "OK THREAD completed");
            t.send("UID THREAD ORDEREDSUBJECT UTF-8 ALL").expect("* THREAD (5 6)(2 (3)(4)(9))(7 8)", "OK UID THREAD completed");
        }
    }
}
