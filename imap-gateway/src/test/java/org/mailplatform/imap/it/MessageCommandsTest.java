package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;

/** APPEND, FETCH, STORE, COPY, MOVE, EXPUNGE and SEARCH over a raw connection, checked octet by octet. */
class MessageCommandsTest extends ImapTestBase {

    private RawImap login(Account account) throws Exception {
        RawImap imap = RawImap.implicitTls(implicitTlsPort());
        imap.readLine();
        assertThat(RawImap.last(imap.command("LOGIN " + account.address() + " " + RawImap.quote(PASSWORD)))).contains("OK");
        return imap;
    }

    private static List<String> append(RawImap imap, String mailbox, String flags, String message) throws Exception {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        String tag = imap.nextTag();
        imap.write(tag + " APPEND " + mailbox + " " + flags + " {" + bytes.length + "}\r\n");
        assertThat(imap.readLine()).startsWith("+ ");
        imap.write(bytes);
        imap.write("\r\n");
        return imap.readUntilTagged(tag);
    }

    @Test
    void appendThenFetchIsByteExact() throws Exception {
        Account account = newAccount();
        String message = TestMessages.withAttachment();
        try (RawImap imap = login(account)) {
            List<String> appended = append(imap, "INBOX", "(\\Flagged $Important) \"24-Nov-2026 10:15:00 +0100\"", message);
            assertThat(RawImap.last(appended)).matches(".* OK \\[APPENDUID \\d+ 1\\] APPEND completed");
            imap.command("SELECT INBOX");
            List<String> fetch = imap.command("FETCH 1 (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[])");
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            assertThat(fetch.getFirst()).startsWith("* 1 FETCH (UID 1 FLAGS (\\Recent \\Flagged $Important) "
                    + "INTERNALDATE \"24-Nov-2026 09:15:00 +0000\" RFC822.SIZE " + bytes.length + " BODY[] {" + bytes.length + "}\r\n")
                    .endsWith("\r\n" + message + ")");
            List<String> header = imap.command("FETCH 1 (BODY.PEEK[HEADER.FIELDS (Subject From)])");
            assertThat(header.getFirst()).endsWith("BODY[HEADER.FIELDS (Subject From)] {62}\r\n"
                    + "From: Carol <carol@remote.test>\r\nSubject: Quarterly report\r\n\r\n)");
            List<String> partial = imap.command("FETCH 1 (BODY.PEEK[]<6.5>)");
            assertThat(partial.getFirst()).endsWith("BODY[]<6> {5}\r\nCarol)");
            List<String> part = imap.command("FETCH 1 (BODY.PEEK[1] BODY.PEEK[2.MIME] BINARY.PEEK[1] BINARY.SIZE[2])");
            assertThat(part.getFirst()).contains("BODY[1] {48}\r\nPlease find the report attached. Gr=C3=BC=C3=9Fe")
                    .contains("BODY[2.MIME] {")
                    .contains("Content-Disposition: attachment; filename=\"report.pdf\"")
                    .contains("BINARY[1] {40}\r\nPlease find the report attached. Grüße")
                    .contains("BINARY.SIZE[2] 48");
        }
    }

    @Test
    void bodyStructureOfAMultipartWithAnAttachment() throws Exception {
        Account account = newAccount();
        deliver(account, TestMessages.withAttachment());
        try (RawImap imap = login(account)) {
            imap.command("SELECT INBOX");
            List<String> fetch = imap.command("FETCH 1 (BODYSTRUCTURE ENVELOPE)");
            assertThat(fetch.getFirst()).isEqualTo("* 1 FETCH (BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL "
                    + "\"QUOTED-PRINTABLE\" 48 1 NIL NIL NIL NIL)(\"APPLICATION\" \"PDF\" (\"NAME\" \"report.pdf\") NIL NIL "
                    + "\"BASE64\" 64 NIL (\"ATTACHMENT\" (\"FILENAME\" \"report.pdf\")) NIL NIL) \"MIXED\" (\"BOUNDARY\" \"b1\") "
                    + "NIL NIL NIL) ENVELOPE (\"Wed, 25 Nov 2026 09:00:00 +0000\" \"Quarterly report\" "
                    + "((\"Carol\" NIL \"carol\" \"remote.test\")) ((\"Carol\" NIL \"carol\" \"remote.test\")) "
                    + "((\"Carol\" NIL \"carol\" \"remote.test\")) ((NIL NIL \"bob\" \"example.test\")) NIL NIL NIL NIL))");
            // The delivered copy carries Return-Path and Delivered-To in front of the shared body.
            List<String> header = imap.command("FETCH 1 (BODY.PEEK[HEADER.FIELDS (Delivered-To Subject)] BODY.PEEK[TEXT]<0.8>)");
            assertThat(header.getFirst()).contains("Delivered-To: " + account.address() + "\r\nSubject: Quarterly report\r\n\r\n")
                    .contains("BODY[TEXT]<0> {8}\r\npreamble");
        }
    }

    @Test
    void fetchWithoutPeekSetsSeen() throws Exception {
        Account account = newAccount();
        deliver(account, TestMessages.simple("unread"));
        try (RawImap imap = login(account)) {
            imap.command("SELECT INBOX");
            List<String> fetch = imap.command("FETCH 1 BODY[TEXT]");
            assertThat(fetch.getFirst()).contains("BODY[TEXT] {").contains("FLAGS (\\Recent \\Seen)");
            assertThat(imap.command("FETCH 1 FLAGS").getFirst()).isEqualTo("* 1 FETCH (FLAGS (\\Recent \\Seen))");
        }
    }

    @Test
    void storeCopyMoveExpungeWithUidplus() throws Exception {
        Account account = newAccount();
        for (int i = 1; i <= 4; i++) {
            deliver(account, TestMessages.simple("message " + i));
        }
        try (RawImap imap = login(account)) {
            imap.command("CREATE Kept");
            imap.command("SELECT INBOX");
            assertThat(imap.command("STORE 1:2 +FLAGS (\\Deleted)")).contains("* 1 FETCH (FLAGS (\\Recent \\Deleted))",
                    "* 2 FETCH (FLAGS (\\Recent \\Deleted))");
            assertThat(imap.command("STORE 3 +FLAGS.SILENT (\\Flagged)")).hasSize(1);
            assertThat(imap.command("UID STORE 4 FLAGS ($Label1)")).contains("* 4 FETCH (UID 4 FLAGS (\\Recent $Label1))");
            assertThat(RawImap.last(imap.command("COPY 1:3 Kept"))).matches(".* OK \\[COPYUID \\d+ 1:3 1:3\\] COPY completed");
            assertThat(RawImap.last(imap.command("COPY 1 Missing"))).contains("NO [TRYCREATE]");
            List<String> move = imap.command("UID MOVE 4 Kept");
            assertThat(move.getFirst()).matches("\\* OK \\[COPYUID \\d+ 4 4\\] Moved");
            assertThat(move).contains("* 4 EXPUNGE");
            List<String> expunge = imap.command("UID EXPUNGE 2");
            assertThat(expunge).containsExactly("* 2 EXPUNGE", expunge.getLast());
            List<String> rest = imap.command("EXPUNGE");
            assertThat(rest).hasSize(2).first().isEqualTo("* 1 EXPUNGE");
            assertThat(rest.getLast()).endsWith("OK EXPUNGE completed");
            assertThat(imap.command("UID FETCH 1:* (FLAGS)").getFirst()).isEqualTo("* 1 FETCH (UID 3 FLAGS (\\Recent \\Flagged))");
            List<String> kept = imap.command("STATUS Kept (MESSAGES)");
            assertThat(kept.getFirst()).isEqualTo("* STATUS Kept (MESSAGES 4)");
            assertThat(RawImap.last(imap.command("FETCH 5 FLAGS"))).contains("BAD");
        }
    }

    @Test
    void searchByHeaderBodyDateAndFlags() throws Exception {
        Account account = newAccount();
        deliver(account, TestMessages.simple("quarterly numbers"));
        deliver(account, TestMessages.withAttachment());
        deliver(account, "From: =?UTF-8?Q?J=C3=B6rg?= <joerg@remote.test>\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n"
                + "Date: Mon, 2 Feb 2026 08:00:00 +0000\r\n\r\nzebra crossing\r\n");
        try (RawImap imap = login(account)) {
            imap.command("SELECT INBOX");
            imap.command("STORE 2 +FLAGS (\\Answered)");
            assertThat(imap.command("SEARCH FROM carol").getFirst()).isEqualTo("* SEARCH 2");
            assertThat(imap.command("SEARCH SUBJECT \"QUARTERLY\"").getFirst()).isEqualTo("* SEARCH 1 2");
            assertThat(imap.command("SEARCH CHARSET UTF-8 FROM {5}\r\nJörg".replace("{5}", "{" + "Jörg".getBytes(StandardCharsets.UTF_8).length + "+}")).getFirst())
                    .isEqualTo("* SEARCH 3");
            assertThat(imap.command("SEARCH BODY zebra").getFirst()).isEqualTo("* SEARCH 3");
            // RFC 3501 6.4.4: BODY is a case-insensitive substring match, not a word match.
            assertThat(imap.command("SEARCH BODY \"EBRA CROSS\"").getFirst()).isEqualTo("* SEARCH 3");
            assertThat(imap.command("SEARCH TEXT report").getFirst()).isEqualTo("* SEARCH 2");
            assertThat(imap.command("SEARCH ANSWERED").getFirst()).isEqualTo("* SEARCH 2");
            assertThat(imap.command("SEARCH UNANSWERED NOT FROM alice").getFirst()).isEqualTo("* SEARCH 3");
            assertThat(imap.command("SEARCH OR FROM alice FROM carol").getFirst()).isEqualTo("* SEARCH 1 2");
            assertThat(imap.command("SEARCH SENTBEFORE 1-Mar-2026").getFirst()).isEqualTo("* SEARCH 3");
            assertThat(imap.command("SEARCH SENTSINCE 25-Nov-2026").getFirst()).isEqualTo("* SEARCH 2");
            assertThat(imap.command("SEARCH SINCE 1-Jan-2020 LARGER 10").getFirst()).isEqualTo("* SEARCH 1 2 3");
            assertThat(imap.command("SEARCH BEFORE 1-Jan-2020").getFirst()).isEqualTo("* SEARCH");
            assertThat(imap.command("SEARCH HEADER Message-ID quarterly.numbers").getFirst()).isEqualTo("* SEARCH 1");
            assertThat(imap.command("UID SEARCH 2:3 UNANSWERED").getFirst()).isEqualTo("* SEARCH 3");
            assertThat(imap.command("SEARCH RETURN (MIN MAX COUNT ALL) ALL").getFirst())
                    .matches("\\* ESEARCH \\(TAG \"T\\d+\"\\) MIN 1 MAX 3 ALL 1:3 COUNT 3");
            assertThat(imap.command("UID SEARCH RETURN (COUNT) DELETED").getFirst())
                    .matches("\\* ESEARCH \\(TAG \"T\\d+\"\\) UID COUNT 0");
            assertThat(RawImap.last(imap.command("SEARCH CHARSET KOI8-R ALL"))).contains("NO [BADCHARSET (UTF-8 US-ASCII)]");
            assertThat(RawImap.last(imap.command("SEARCH FOO"))).contains("BAD");
            assertThat(imap.command("SEARCH MODSEQ 1")).anyMatch(l -> l.matches("\\* SEARCH 1 2 3 \\(MODSEQ \\d+\\)"));
        }
    }

    @Test
    void imap4rev2ChangesTheResponsesItRequires() throws Exception {
        Account account = newAccount();
        deliver(account, TestMessages.simple("rev2"));
        try (RawImap imap = login(account)) {
            assertThat(imap.command("ENABLE IMAP4rev2").getFirst()).isEqualTo("* ENABLED IMAP4rev2");
            List<String> select = imap.command("SELECT INBOX");
            assertThat(select).contains("* 1 EXISTS", "* LIST () \"/\" INBOX").noneMatch(l -> l.contains("RECENT"));
            assertThat(imap.command("SEARCH ALL").getFirst()).matches("\\* ESEARCH \\(TAG \"T\\d+\"\\) ALL 1");
            assertThat(imap.command("SEARCH SUBJECT nothing-like-this").getFirst()).matches("\\* ESEARCH \\(TAG \"T\\d+\"\\)");
        }
    }

    @Test
    void bodiesOfManyMessagesOfMixedSizesAreByteExact() throws Exception {
        Account account = newAccount();
        List<String> sent = new java.util.ArrayList<>();
        String large = "Subject: large\r\n\r\n" + "0123456789abcdef\r\n".repeat(20_000);
        for (String body : List.of(TestMessages.simple("first"), large, TestMessages.withAttachment(),
                TestMessages.simple("last"))) {
            deliver(account, body);
            sent.add("Return-Path: <sender@remote.test>\r\nDelivered-To: " + account.address() + "\r\n" + body);
        }
        try (RawImap imap = login(account)) {
            imap.command("SELECT INBOX");
            List<String> fetch = imap.command("FETCH 1:4 (BODY.PEEK[] BODY.PEEK[TEXT]<0.5>)");
            assertThat(fetch).hasSize(5);
            for (int i = 0; i < 4; i++) {
                String message = sent.get(i);
                byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
                String text = message.substring(message.indexOf("\r\n\r\n") + 4);
                assertThat(fetch.get(i)).isEqualTo("* " + (i + 1) + " FETCH (BODY[] {" + bytes.length + "}\r\n" + message
                        + " BODY[TEXT]<0> {5}\r\n" + text.substring(0, 5) + ")");
            }
        }
    }

    @Test
    void headerFieldsOfManyMessagesComeFromOneHeaderRead() throws Exception {
        Account account = newAccount();
        for (int i = 1; i <= 3; i++) {
            deliver(account, TestMessages.simple("batch " + i));
        }
        try (RawImap imap = login(account)) {
            imap.command("SELECT INBOX");
            List<String> fetch = imap.command("FETCH 1:3 (UID BODY.PEEK[HEADER.FIELDS (SUBJECT DELIVERED-TO)])");
            for (int i = 1; i <= 3; i++) {
                String header = "Delivered-To: " + account.address() + "\r\nSubject: batch " + i + "\r\n\r\n";
                assertThat(fetch.get(i - 1)).isEqualTo("* " + i + " FETCH (UID " + i + " BODY[HEADER.FIELDS (SUBJECT DELIVERED-TO)] {"
                        + header.length() + "}\r\n" + header + ")");
            }
            List<String> whole = imap.command("FETCH 2:3 RFC822.HEADER");
            assertThat(whole.getFirst()).startsWith("* 2 FETCH (RFC822.HEADER {").contains("Return-Path: <sender@remote.test>\r\n")
                    .endsWith("\r\n\r\n)");
        }
    }
}
