package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.protocolservice.MailProtocolServer;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.sieve.SieveScript;
import org.mailplatform.store.sieve.SieveScriptRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/** ManageSieve (RFC 5804) over the real socket: a scripted client, the real database behind it. */
class ManageSieveSessionTest extends ImapTestBase {

    /** The platform's password mechanisms, offered once TLS is up (SCRAM-SHA-256-PLUS follows where TLS 1.3 binds). */
    private static final String SASL_AFTER_TLS = "\"SASL\" \"PLAIN LOGIN SCRAM-SHA-256";

    private static final String VACATION = """
            require ["vacation", "fileinto"];
            # Away until Monday.
            if header :contains "subject" "urgent" {
                fileinto "Urgent";
            }
            vacation :days 3 "I am away.";
            """.replace("\n", "\r\n");

    @Autowired
    @Qualifier("manageSieveServer")
    MailProtocolServer sieve;
    @Autowired
    SieveScriptRepository scripts;

    private RawSieve connect() throws Exception {
        return new RawSieve(sieve.boundPort("sieve"));
    }

    private RawSieve sieveLoggedIn(Account account) throws Exception {
        RawSieve client = connect();
        client.readResponse();
        List<String> reply = client.loginOverStartTls(account.address().toString(), PASSWORD);
        assertThat(RawSieve.last(reply)).startsWith("OK");
        return client;
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void greetingListsCapabilitiesAndPasswordsWaitForTls() throws Exception {
        Account account = newAccount();
        try (RawSieve client = connect()) {
            List<String> greeting = client.readResponse();
            assertThat(greeting).contains("\"SASL\" \"\"", "\"STARTTLS\"", "\"VERSION\" \"1.0\"", "\"UNAUTHENTICATE\"",
                    "\"MAXREDIRECTS\" \"4\"");
            assertThat(greeting).anyMatch(line -> line.startsWith("\"IMPLEMENTATION\" \""));
            // The SIEVE capability is the interpreter's extension list, so clients never require what cannot run.
            assertThat(greeting).contains("\"SIEVE\" \"" + org.mailplatform.sieve.SieveScripts.capability() + "\"");
            assertThat(greeting).noneMatch(line -> line.contains("NOTIFY") || line.contains("OWNER"));
            assertThat(RawSieve.last(greeting)).startsWith("OK");

            assertThat(RawSieve.last(client.command("AUTHENTICATE \"PLAIN\" \""
                    + RawSieve.plain(account.address().toString(), PASSWORD) + "\"")))
                    .startsWith("NO (ENCRYPT-NEEDED)");

            // RFC 5804 2.2: after the handshake the server sends its capabilities again.
            assertThat(client.command("STARTTLS")).containsExactly("OK \"Begin TLS negotiation\"");
            client.startTls();
            List<String> again = client.readResponse();
            assertThat(again).anyMatch(line -> line.startsWith(SASL_AFTER_TLS)).doesNotContain("\"STARTTLS\"");
            assertThat(RawSieve.last(again)).startsWith("OK");
            assertThat(RawSieve.last(client.command("STARTTLS"))).startsWith("NO");

            assertThat(RawSieve.last(client.command("AUTHENTICATE \"PLAIN\" \""
                    + RawSieve.plain(account.address().toString(), "wrong") + "\""))).startsWith("NO");
            assertThat(RawSieve.last(client.command("AUTHENTICATE \"PLAIN\" \""
                    + RawSieve.plain(account.address().toString(), PASSWORD) + "\""))).startsWith("OK");
            assertThat(client.command("CAPABILITY")).contains("\"OWNER\" \"" + account.address() + "\"");
            assertThat(client.command("LOGOUT")).containsExactly("OK \"Logout completed\"");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void authenticateLoginAnswersChallengesAndCanBeCancelled() throws Exception {
        Account account = newAccount();
        try (RawSieve client = connect()) {
            client.readResponse();
            client.command("STARTTLS");
            client.startTls();
            client.readResponse();
            client.write("AUTHENTICATE \"LOGIN\"\r\n");
            assertThat(client.readLine()).isEqualTo("\"VXNlcm5hbWU6\"");
            client.write("\"*\"\r\n");
            assertThat(RawSieve.last(client.readResponse())).startsWith("NO");

            client.write("AUTHENTICATE \"LOGIN\"\r\n");
            client.readLine();
            client.write("\"" + base64(account.address().toString()) + "\"\r\n");
            assertThat(client.readLine()).isEqualTo("\"UGFzc3dvcmQ6\"");
            // A literal answers a challenge as well as a quoted string does.
            client.write(RawSieve.literal(base64(PASSWORD)) + "\r\n");
            assertThat(RawSieve.last(client.readResponse())).startsWith("OK");
            assertThat(RawSieve.last(client.command("LISTSCRIPTS"))).startsWith("OK");
        }
    }

    @Test
    void aLiteralCarriesTheInitialResponseAndUnauthenticateStartsOver() throws Exception {
        Account account = newAccount();
        try (RawSieve client = connect()) {
            client.readResponse();
            client.command("STARTTLS");
            client.startTls();
            client.readResponse();
            String initial = RawSieve.plain(account.address().toString(), PASSWORD);
            assertThat(RawSieve.last(client.command("AUTHENTICATE \"PLAIN\" " + RawSieve.literal(initial))))
                    .startsWith("OK");
            assertThat(RawSieve.last(client.command("AUTHENTICATE \"PLAIN\" \"" + initial + "\""))).startsWith("NO");
            assertThat(RawSieve.last(client.command("UNAUTHENTICATE"))).startsWith("OK");
            List<String> capabilities = client.command("CAPABILITY");
            assertThat(capabilities).anyMatch(line -> line.startsWith(SASL_AFTER_TLS))
                    .noneMatch(line -> line.startsWith("\"OWNER\""));
            assertThat(RawSieve.last(client.command("AUTHENTICATE \"PLAIN\" \"" + initial + "\""))).startsWith("OK");
        }
    }

    @Test
    void scriptsAreStoredListedActivatedRenamedAndDeleted() throws Exception {
        Account account = newAccount();
        try (RawSieve client = sieveLoggedIn(account)) {
            assertThat(RawSieve.last(client.command("HAVESPACE \"vacation\" 2000"))).startsWith("OK");
            assertThat(RawSieve.last(client.command("HAVESPACE \"vacation\" 99999999")))
                    .startsWith("NO (QUOTA/MAXSIZE)");

            assertThat(RawSieve.last(client.command("PUTSCRIPT \"vacation\" " + RawSieve.literal(VACATION))))
                    .isEqualTo("OK \"Script stored\"");
            assertThat(scripts.find(account.id(), "vacation")).map(SieveScript::content).contains(VACATION);
            // A synchronizing literal is read the same way (there is no continuation to wait for).
            String other = "keep;\r\n";
            assertThat(RawSieve.last(client.command("PUTSCRIPT {5}\r\nother {" + other.length() + "}\r\n" + other)))
                    .startsWith("OK");

            assertThat(client.command("LISTSCRIPTS")).containsExactly("\"other\"", "\"vacation\"", "OK \"Listscripts completed\"");
            assertThat(RawSieve.last(client.command("SETACTIVE \"vacation\""))).startsWith("OK");
            assertThat(client.command("LISTSCRIPTS")).containsExactly("\"other\"", "\"vacation\" ACTIVE", "OK \"Listscripts completed\"");
            assertThat(scripts.findActive(account.id())).map(SieveScript::name).contains("vacation");

            List<String> got = client.command("GETSCRIPT \"vacation\"");
            assertThat(got.getFirst()).isEqualTo("{" + VACATION.length() + "}\r\n" + VACATION);
            assertThat(RawSieve.last(got)).startsWith("OK");

            assertThat(RawSieve.last(client.command("RENAMESCRIPT \"vacation\" \"away\""))).startsWith("OK");
            assertThat(RawSieve.last(client.command("RENAMESCRIPT \"away\" \"other\""))).startsWith("NO (ALREADYEXISTS)");
            assertThat(RawSieve.last(client.command("RENAMESCRIPT \"gone\" \"x\""))).startsWith("NO (NONEXISTENT)");
            assertThat(scripts.findActive(account.id())).map(SieveScript::name).contains("away");

            assertThat(RawSieve.last(client.command("DELETESCRIPT \"away\""))).startsWith("NO (ACTIVE)");
            assertThat(RawSieve.last(client.command("GETSCRIPT \"vacation\""))).startsWith("NO (NONEXISTENT)");
            assertThat(RawSieve.last(client.command("DELETESCRIPT \"other\""))).startsWith("OK");
            assertThat(RawSieve.last(client.command("SETACTIVE \"\""))).startsWith("OK");
            assertThat(scripts.findActive(account.id())).isEmpty();
            assertThat(RawSieve.last(client.command("DELETESCRIPT \"away\""))).startsWith("OK");
            assertThat(scripts.list(account.id())).isEmpty();

            assertThat(RawSieve.last(client.command("NOOP \"ping\""))).isEqualTo("OK (TAG \"ping\") \"Done\"");
            assertThat(RawSieve.last(client.command("UNAUTHENTICATE"))).startsWith("OK");
            assertThat(RawSieve.last(client.command("LISTSCRIPTS"))).startsWith("NO");
        }
    }

    @Test
    void invalidScriptsAreRefusedAndNotStored() throws Exception {
        Account account = newAccount();
        try (RawSieve client = sieveLoggedIn(account)) {
            String unbalanced = "if true {\r\n  keep;\r\n";
            assertThat(RawSieve.last(client.command("PUTSCRIPT \"bad\" " + RawSieve.literal(unbalanced))))
                    .startsWith("NO").contains("close the block");
            String unknown = "require \"notify\";\r\nkeep;\r\n";
            assertThat(RawSieve.last(client.command("CHECKSCRIPT " + RawSieve.literal(unknown))))
                    .startsWith("NO").contains("notify");
            assertThat(RawSieve.last(client.command("CHECKSCRIPT " + RawSieve.literal(VACATION)))).startsWith("OK");
            assertThat(RawSieve.last(client.command("PUTSCRIPT \"bad\u0001\" \"keep;\""))).startsWith("NO");
            assertThat(RawSieve.last(client.command("PUTSCRIPT \"" + "n".repeat(129) + "\" \"keep;\""))).startsWith("NO");
            assertThat(scripts.list(account.id())).isEmpty();

            for (int i = 0; i < 20; i++) {
                assertThat(RawSieve.last(client.command("PUTSCRIPT \"s" + i + "\" \"keep;\""))).startsWith("OK");
            }
            assertThat(RawSieve.last(client.command("PUTSCRIPT \"s20\" \"keep;\""))).startsWith("NO (QUOTA/MAXSCRIPTS)");
            assertThat(RawSieve.last(client.command("HAVESPACE \"s20\" 10"))).startsWith("NO (QUOTA/MAXSCRIPTS)");
            // Replacing an existing script needs no new room.
            assertThat(RawSieve.last(client.command("PUTSCRIPT \"s0\" \"discard;\""))).startsWith("OK");

            // Over the size limit (256 KiB), within four times it: the literal is read and dropped, and the
            // connection goes on.
            String huge = "#" + "x".repeat(300 * 1024) + "\r\n";
            assertThat(RawSieve.last(client.command("PUTSCRIPT \"s0\" " + RawSieve.literal(huge))))
                    .startsWith("NO (QUOTA/MAXSIZE)");
            assertThat(RawSieve.last(client.command("NOOP"))).startsWith("OK");
            assertThat(scripts.find(account.id(), "s0")).map(SieveScript::content).contains("discard;");
        }
    }

    @Test
    void badInputGetsNoOrByeAndNeverAStackTrace() throws Exception {
        try (RawSieve client = connect()) {
            client.readResponse();
            assertThat(RawSieve.last(client.command("FROBNICATE"))).startsWith("NO");
            assertThat(RawSieve.last(client.command("LISTSCRIPTS"))).startsWith("NO");
            assertThat(RawSieve.last(client.command("PUTSCRIPT \"x\" \"unterminated"))).startsWith("NO");
            assertThat(RawSieve.last(client.command("NOOP \"bad\\escape\""))).startsWith("NO");
            assertThat(RawSieve.last(client.command("HAVESPACE"))).startsWith("NO");
            assertThat(RawSieve.last(client.command("\"quoted\" first"))).startsWith("NO");
            assertThat(RawSieve.last(client.command("capability"))).startsWith("OK");
            // Before authentication only SASL data is expected: a large literal ends the connection.
            List<String> bye = client.command("AUTHENTICATE \"PLAIN\" {100000+}");
            assertThat(RawSieve.last(bye)).startsWith("BYE");
            assertThat(client.closedByServer()).isTrue();
            assertThat(String.join("\n", bye)).doesNotContain("Exception").doesNotContain("at org.");
        }
        try (RawSieve client = connect()) {
            client.readResponse();
            List<String> replies = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                replies.add(RawSieve.last(client.command("BOGUS" + i)));
            }
            assertThat(replies.getLast()).startsWith("BYE");
            assertThat(client.closedByServer()).isTrue();
            assertThat(replies).noneMatch(line -> line.contains("Exception"));
        }
    }
}
