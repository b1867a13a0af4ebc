package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;

/**
 * SEARCH criteria over messages appended by the client (RFC 3501 6.4.4, RFC 9051 6.4.4): address
 * keys match display names, local parts, domains and whole addresses however the header writes
 * them (angle brackets, comments, groups, encoded words); TEXT and BODY match whole words and
 * substrings; flag keys, keywords and RECENT/NEW/OLD.
 */
class SearchCriteriaTest extends ImapTestBase {

    private static final List<String> ADDRESSED = List.of(
            "From: user-from@domain.org\nTo: user-to@domain.org\nCc: user-cc@domain.org\nBcc: user-bcc@domain.org\n\nbody\n",
            "From: RealFrom <user-from@domain.org>\nTo: RealTo <user-to@domain.org>\nCc: RealCc <user-cc@domain.org>\n"
                    + "Bcc: RealBcc <user-bcc@domain.org>\n\nbody2\n",
            "From: <user-from (comment)@ (comment) domain.org>\nTo: <user-to@domain.org>\nCc: <user-cc@domain.org>\n"
                    + "Bcc: <user-bcc@domain.org>\n\nbody3\n",
            "From: user-from@domain.org (RealFrom)\nTo: user-to@domain.org (RealTo)\nCc: user-cc@domain.org (RealCc)\n"
                    + "Bcc: user-bcc@domain.org (RealBcc)\n\nbody4\n",
            "From: user-from1@domain.org, user-from2@domain.org\nCc: user-cc@domain.org\n\nbody5\n",
            "From: RealFrom <user-from@domain.org>\nTo: groupname: groupuser1@domain.org, groupuser2@domain.org;,\n"
                    + "  groupname2: groupuser3@domain.org;\n\nbody6\n",
            "From: RealFrom <user-from@domain.org>\nTo: groupname:;\n\nbody7\n",
            "From: =?UTF-8?Q?J=C3=BCrgen_Gro=C3=9F?= <juergen@domain.org>\nTo: =?ISO-8859-1?B?Suxy?= <jor@domain.org>\n\nbody8\n");

    private static final List<String> TEXTS = List.of(
            "Date: Sat, 24 Mar 2007 23:00:00 +0200\n\nasdfghjkl zxcvbnm\n",
            "Date: Sat, 24 Mar 2007 23:00:00 +0200\nSubject: qwertyuiop\n\nasdfghjkl\n",
            "Date: Sat, 24 Mar 2007 23:00:00 +0200\nX-Header: qwertyuiop\n\nzxcvbnm\n",
            "Date: Sat, 24 Mar 2007 23:00:00 +0200\n\nzxcvbnm qwertyuiop\n");

    private RawImap mailboxWith(Account account, List<String> messages) throws Exception {
        RawImap imap = loggedIn(account);
        for (String message : messages) {
            appendMessage(imap, "INBOX", "", message.replace("\n", "\r\n"));
        }
        imap.command("SELECT INBOX");
        return imap;
    }

    /** A non-synchronizing literal (RFC 7888) for 8-bit search strings. */
    private static String literal(String text) {
        return "{" + text.getBytes(StandardCharsets.UTF_8).length + "+}\r\n" + text;
    }

    private static void expect(RawImap imap, String criteria, String result) throws Exception {
        List<String> reply = imap.command("SEARCH " + criteria);
        assertThat(reply).as(criteria).containsExactly(("* SEARCH " + result).strip(), imap.lastTag() + " OK SEARCH completed");
    }

    @Test
    void addressKeysMatchEveryFormOfAnAddress() throws Exception {
        try (RawImap imap = mailboxWith(newAccount(), ADDRESSED)) {
            expect(imap, "FROM user-from@domain.org", "1 2 3 4 6 7");
            expect(imap, "TO user-to@domain.org", "1 2 3 4");
            expect(imap, "CC user-cc@domain.org", "1 2 3 4 5");
            expect(imap, "BCC user-bcc@domain.org", "1 2 3 4");

            expect(imap, "FROM realfrom", "2 4 6 7");
            expect(imap, "TO realto", "2 4");
            expect(imap, "CC realcc", "2 4");
            expect(imap, "BCC realbcc", "2 4");

            expect(imap, "HEADER FROM \"\"", "1 2 3 4 5 6 7 8");
            expect(imap, "HEADER TO \"\"", "1 2 3 4 6 7 8");
            expect(imap, "HEADER CC \"\"", "1 2 3 4 5");
            expect(imap, "HEADER BCC \"\"", "1 2 3 4");

            expect(imap, "FROM ser-fro", "1 2 3 4 5 6 7");
            expect(imap, "TO ser-t", "1 2 3 4");
            expect(imap, "CC ser-c", "1 2 3 4 5");
            expect(imap, "BCC ser-bc", "1 2 3 4");

            expect(imap, "FROM ealfro", "2 4 6 7");
            expect(imap, "TO ealt", "2 4");
            expect(imap, "CC ealc", "2 4");
            expect(imap, "BCC ealbc", "2 4");

            expect(imap, "FROM user-from1", "5");
            expect(imap, "FROM user-from2", "5");

            expect(imap, "TO groupname", "6 7");
            expect(imap, "TO groupname2", "6");
            expect(imap, "TO groupuser1", "6");
            expect(imap, "TO groupuser2", "6");
            expect(imap, "TO groupuser3", "6");
            expect(imap, "TO groupuser4", "");

            expect(imap, "FROM domain.org", "1 2 3 4 5 6 7 8");
            expect(imap, "CHARSET UTF-8 FROM " + literal("Jürgen Groß"), "8");
            expect(imap, "CHARSET UTF-8 FROM \"gross\"", "");
            expect(imap, "FROM \"juergen@domain.org\"", "8");
            expect(imap, "CHARSET UTF-8 TO " + literal("jìr <jor@"), "8");
        }
    }

    @Test
    void textAndBodyMatchWordsAndSubstrings() throws Exception {
        try (RawImap imap = mailboxWith(newAccount(), TEXTS)) {
            expect(imap, "TEXT asdfghjkl", "1 2");
            expect(imap, "TEXT zxcvbnm", "1 3 4");
            expect(imap, "TEXT qwertyuiop", "2 3 4");
            expect(imap, "BODY asdfghjkl", "1 2");
            expect(imap, "BODY zxcvbnm", "1 3 4");
            expect(imap, "BODY qwertyuiop", "4");

            expect(imap, "TEXT sdfghjk", "1 2");
            expect(imap, "TEXT xcvbn", "1 3 4");
            expect(imap, "TEXT wertyuio", "2 3 4");
            expect(imap, "BODY sdfghjk", "1 2");
            expect(imap, "BODY xcvbn", "1 3 4");
            expect(imap, "BODY wertyuio", "4");
        }
    }

    @Test
    void flagKeysKeywordsAndRecent() throws Exception {
        List<String> five = List.of("Subject: s1\n\nbody1\n", "Subject: s22\n\nbody22\n", "Subject: s333\n\nbody33\n",
                "Subject: s4444\n\nbody4444\n", "Subject: s55555\n\nbody55555\n");
        try (RawImap imap = mailboxWith(newAccount(), five)) {
            imap.command("STORE 1 FLAGS ($$hello)");
            imap.command("STORE 2 FLAGS (\\seen \\flagged)");
            imap.command("STORE 3 FLAGS (\\answered $$hello)");
            imap.command("STORE 4 FLAGS (\\flagged \\draft)");
            imap.command("STORE 5 FLAGS (\\deleted \\answered)");

            expect(imap, "ANSWERED", "3 5");
            expect(imap, "UNANSWERED", "1 2 4");
            expect(imap, "DELETED", "5");
            expect(imap, "UNDELETED", "1 2 3 4");
            expect(imap, "DRAFT", "4");
            expect(imap, "UNDRAFT", "1 2 3 5");
            expect(imap, "FLAGGED", "2 4");
            expect(imap, "UNFLAGGED", "1 3 5");
            expect(imap, "SEEN", "2");
            expect(imap, "UNSEEN", "1 3 4 5");
            expect(imap, "KEYWORD $$hello", "1 3");
            expect(imap, "UNKEYWORD $$hello", "2 4 5");
            expect(imap, "NEW", "1 3 4 5");
            expect(imap, "OLD", "");
            expect(imap, "RECENT", "1 2 3 4 5");

            imap.command("STORE 1:* FLAGS (\\seen)");
            imap.command("STORE 2 +FLAGS (\\flagged)");
            expect(imap, "SEEN FLAGGED", "2");
            expect(imap, "SEEN NOT FLAGGED", "1 3 4 5");
            expect(imap, "NOT SEEN FLAGGED", "");
            expect(imap, "NOT SEEN NOT FLAGGED", "");

            imap.command("STORE 1:* FLAGS (\\seen \\deleted)");
            imap.command("STORE 2 +FLAGS (\\flagged)");
            expect(imap, "SEEN DELETED FLAGGED", "2");
            expect(imap, "SEEN DELETED NOT FLAGGED", "1 3 4 5");
            expect(imap, "NOT SEEN DELETED FLAGGED", "");
            expect(imap, "SEEN NOT DELETED NOT FLAGGED", "");
        }
    }
}
