package org.mailplatform.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;

/** Bad input gets one -ERR line and the connection stays usable (RFC 1939 3). */
class ProtocolErrorsTest extends Pop3IntegrationTest {

    @Test
    void unknownAndMisplacedCommands() throws Exception {
        try (RawPop3 client = RawPop3.connect(implicitTlsPort(), true)) {
            assertThat(client.command("HELO there")).isEqualTo("-ERR Unknown command");
            assertThat(client.command("APOP user 0123456789abcdef0123456789abcdef")).isEqualTo("-ERR Unknown command");
            assertThat(client.command("")).isEqualTo("-ERR Unknown command");
            assertThat(client.command("RETR 1")).isEqualTo("-ERR Command not valid in this state");
            assertThat(client.command("NOOP")).isEqualTo("-ERR Command not valid in this state");
            assertThat(client.command("PASS secret")).isEqualTo("-ERR USER first");
            assertThat(client.command("CAPA extra")).isEqualTo("-ERR Too many arguments");
            assertThat(client.multiLine("CAPA").getFirst()).startsWith("+OK");
        }
    }

    @Test
    void anOverlongLineIsRefusedAndTheSessionGoesOn() throws Exception {
        Account account = newAccount();
        try (RawPop3 client = RawPop3.login(stlsPort(), account.address().toString(), PASSWORD)) {
            assertThat(client.command("LIST " + "9".repeat(20_000))).isEqualTo("-ERR Line too long");
            assertThat(client.command("STAT")).isEqualTo("+OK 0 0");
        }
    }

    @Test
    void badArgumentsInTransaction() throws Exception {
        Account account = newAccount();
        deliver(account, message("x", "y\r\n"));
        try (RawPop3 client = RawPop3.login(stlsPort(), account.address().toString(), PASSWORD)) {
            assertThat(client.command("RETR")).isEqualTo("-ERR Missing argument");
            assertThat(client.command("RETR one")).isEqualTo("-ERR Invalid message number");
            assertThat(client.command("RETR 0")).isEqualTo("-ERR Invalid message number");
            assertThat(client.command("RETR 2")).isEqualTo("-ERR No such message");
            assertThat(client.command("DELE 1 2")).isEqualTo("-ERR Too many arguments");
            assertThat(client.command("USER someone")).isEqualTo("-ERR Command not valid in this state");
            assertThat(client.command("STLS")).isEqualTo("-ERR Command not valid in this state");
            assertThat(client.command("stat")).startsWith("+OK 1 ");
        }
    }

    @Test
    void repeatedWrongPasswordsCloseTheConnection() throws Exception {
        Account account = newAccount();
        try (RawPop3 client = RawPop3.connect(implicitTlsPort(), true)) {
            for (int i = 0; i < 3; i++) {
                client.command("USER " + account.address());
                assertThat(client.command("PASS wrong-" + i)).isEqualTo("-ERR [AUTH] Invalid user name or password");
            }
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void authPlainWithContinuationAndCancel() throws Exception {
        Account account = newAccount();
        String token = java.util.Base64.getEncoder().encodeToString(
                ("\0" + account.address() + "\0" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (RawPop3 client = RawPop3.connect(implicitTlsPort(), true)) {
            assertThat(client.command("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(client.command("*")).isEqualTo("-ERR Authentication cancelled");
            assertThat(client.command("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(client.command("not base64!")).isEqualTo("-ERR Invalid authentication data");
            assertThat(client.command("AUTH CRAM-MD5")).isEqualTo("-ERR Unsupported authentication mechanism");
            assertThat(client.command("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(client.command(token)).startsWith("+OK maildrop has 0 messages");
        }
    }
}
