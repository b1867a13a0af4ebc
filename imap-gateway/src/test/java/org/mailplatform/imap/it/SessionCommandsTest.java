package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;

/** The session core over real sockets: greeting, TLS, login, states, limits. */
class SessionCommandsTest extends ImapTestBase {

    @Test
    void greetingOn143AdvertisesStartTlsAndLoginDisabled() throws Exception {
        try (RawImap imap = RawImap.plain(starttlsPort())) {
            String greeting = imap.readLine();
            assertThat(greeting).startsWith("* OK [CAPABILITY IMAP4rev1").contains("STARTTLS", "LOGINDISABLED")
                    .doesNotContain("AUTH=PLAIN");
            List<String> caps = imap.command("CAPABILITY");
            assertThat(caps.getFirst()).contains("STARTTLS", "LOGINDISABLED");
            assertThat(RawImap.last(caps)).endsWith("OK CAPABILITY completed");
        }
    }

    @Test
    void loginBeforeStartTlsIsRefusedAndTheConnectionStaysUsable() throws Exception {
        Account account = newAccount();
        try (RawImap imap = RawImap.plain(starttlsPort())) {
            imap.readLine();
            assertThat(RawImap.last(imap.command("LOGIN " + account.address() + " " + RawImap.quote(PASSWORD))))
                    .contains("NO [PRIVACYREQUIRED]");
            String plain = Base64.getEncoder().encodeToString(("\0" + account.address() + "\0" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(RawImap.last(imap.command("AUTHENTICATE PLAIN " + plain))).contains("NO [PRIVACYREQUIRED]");
            assertThat(RawImap.last(imap.command("NOOP"))).endsWith("OK NOOP completed");
        }
    }

    @Test
    void startTlsThenLoginReachesTheAuthenticatedState() throws Exception {
        Account account = newAccount();
        try (RawImap imap = RawImap.plain(starttlsPort())) {
            String ok = imap.loginOverStartTls(account.address().toString(), PASSWORD);
            assertThat(ok).contains("OK [CAPABILITY IMAP4rev1").doesNotContain("LOGINDISABLED", "STARTTLS");
            assertThat(RawImap.last(imap.command("LOGIN a b"))).contains("BAD");
            assertThat(RawImap.last(imap.command("SELECT INBOX"))).contains("OK [READ-WRITE]");
        }
    }

    @Test
    void wrongPasswordGetsAuthenticationFailed() throws Exception {
        Account account = newAccount();
        try (RawImap imap = RawImap.implicitTls(implicitTlsPort())) {
            assertThat(imap.readLine()).contains("AUTH=PLAIN").doesNotContain("LOGINDISABLED", "STARTTLS");
            assertThat(RawImap.last(imap.command("LOGIN " + account.address() + " wrong-password")))
                    .contains("NO [AUTHENTICATIONFAILED]");
            assertThat(RawImap.last(imap.command("SELECT INBOX"))).contains("BAD");
        }
    }

    @Test
    void authenticatePlainWithInitialResponseAndWithAContinuation() throws Exception {
        Account account = newAccount();
        String plain = Base64.getEncoder().encodeToString(("\0" + account.address() + "\0" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        try (RawImap imap = RawImap.implicitTls(implicitTlsPort())) {
            imap.readLine();
            assertThat(RawImap.last(imap.command("AUTHENTICATE PLAIN " + plain))).contains("OK [CAPABILITY");
        }
        try (RawImap imap = RawImap.implicitTls(implicitTlsPort())) {
            imap.readLine();
            imap.write("A1 AUTHENTICATE PLAIN\r\n");
            assertThat(imap.readLine()).isEqualTo("+ ");
            imap.write(plain + "\r\n");
            assertThat(RawImap.last(imap.readUntilTagged("A1"))).startsWith("A1 OK");
        }
        try (RawImap imap = RawImap.implicitTls(implicitTlsPort())) {
            imap.readLine();
            imap.write("A1 AUTHENTICATE PLAIN\r\n");
            imap.readLine();
            imap.write("*\r\n");
            assertThat(RawImap.last(imap.readUntilTagged("A1"))).startsWith("A1 BAD");
            assertThat(RawImap.last(imap.command("NOOP"))).contains("OK");
        }
    }

    @Test
    void pipelinedCommandsBehindStartTlsAreDiscarded() throws Exception {
        try (RawImap imap = RawImap.plain(starttlsPort())) {
            imap.readLine();
            imap.write("S1 STARTTLS\r\nS2 LOGIN injected password\r\n");
            assertThat(imap.readLine()).startsWith("S1 OK");
            imap.startTls();
            List<String> caps = imap.command("CAPABILITY");
            assertThat(caps).noneMatch(line -> line.startsWith("S2"));
            assertThat(caps.getFirst()).doesNotContain("STARTTLS");
        }
    }

    @Test
    void fourGigabyteLiteralIsRefusedBeforeReadingAndTheConnectionStaysUsable() throws Exception {
        Account account = newAccount();
        try (RawImap imap = RawImap.implicitTls(implicitTlsPort())) {
            imap.readLine();
            imap.command("LOGIN " + account.address() + " " + RawImap.quote(PASSWORD));
            imap.write("A1 APPEND INBOX {4294967296}\r\n");
            assertThat(imap.readLine()).startsWith("A1 NO [TOOBIG]");
            assertThat(RawImap.last(imap.command("NOOP"))).contains("OK NOOP");
        }
    }

    @Test
    void deeplyNestedListIsBadAndTheConnectionStaysUsable() throws Exception {
        try (RawImap imap = RawImap.implicitTls(implicitTlsPort())) {
            imap.readLine();
            String nested = "(".repeat(1000) + ")".repeat(1000);
            assertThat(RawImap.last(imap.command("ID " + nested))).contains("BAD");
            assertThat(RawImap.last(imap.command("NOOP"))).contains("OK NOOP");
        }
    }

    @Test
    void nonSynchronizingLiteralsCarryAnyOctets() throws Exception {
        Account account = newAccount();
        try (RawImap imap = RawImap.implicitTls(implicitTlsPort())) {
            imap.readLine();
            byte[] user = account.address().toString().getBytes(StandardCharsets.UTF_8);
            imap.write("A1 LOGIN {" + user.length + "+}\r\n" + account.address() + " {" + PASSWORD.length() + "+}\r\n"
                    + PASSWORD + "\r\n");
            assertThat(RawImap.last(imap.readUntilTagged("A1"))).startsWith("A1 OK");
        }
    }

    @Test
    void unknownCommandsAndWrongStatesGetBad() throws Exception {
        try (RawImap imap = RawImap.implicitTls(implicitTlsPort())) {
            imap.readLine();
            assertThat(RawImap.last(imap.command("FROBNICATE"))).contains("BAD Unknown command");
            assertThat(RawImap.last(imap.command("FETCH 1 FLAGS"))).contains("BAD");
            imap.write("\r\n");
            assertThat(imap.readLine()).startsWith("* BAD");
            List<String> id = imap.command("ID NIL");
            assertThat(id.getFirst()).startsWith("* ID (");
            List<String> logout = imap.command("LOGOUT");
            assertThat(logout.getFirst()).startsWith("* BYE");
            assertThat(imap.closedByServer()).isTrue();
        }
    }
}
