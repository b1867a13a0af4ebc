package org.mailplatform.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;

/** RFC 2595 4 and the platform's security defaults on the 110-style port. */
class PlaintextAndStlsTest extends Pop3IntegrationTest {

    @Test
    void beforeTlsStlsIsOfferedAndPasswordsAreNot() throws Exception {
        try (RawPop3 client = RawPop3.connect(stlsPort(), false)) {
            List<String> capa = client.multiLine("CAPA");
            assertThat(capa.getFirst()).startsWith("+OK");
            assertThat(capa).contains("STLS", "TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING",
                    "IMPLEMENTATION mail-platform");
            assertThat(capa).noneMatch(l -> l.equals("USER") || l.startsWith("SASL"));
        }
    }

    @Test
    void userPassAndAuthAreRefusedBeforeTls() throws Exception {
        Account account = newAccount();
        try (RawPop3 client = RawPop3.connect(stlsPort(), false)) {
            assertThat(client.command("USER " + account.address()))
                    .isEqualTo("-ERR [AUTH] Plaintext authentication not permitted before STLS");
            assertThat(client.command("PASS " + PASSWORD)).startsWith("-ERR [AUTH]");
            assertThat(client.command("AUTH PLAIN " + java.util.Base64.getEncoder().encodeToString(
                    ("\0" + account.address() + "\0" + PASSWORD).getBytes()))).startsWith("-ERR [AUTH]");
            assertThat(client.command("STAT")).isEqualTo("-ERR Command not valid in this state");
            // The same connection can still upgrade and log in.
            client.stls();
            assertThat(client.command("USER " + account.address())).startsWith("+OK");
            assertThat(client.command("PASS " + PASSWORD)).startsWith("+OK");
        }
    }

    @Test
    void afterStlsPasswordsAreOfferedAndStlsIsNot() throws Exception {
        try (RawPop3 client = RawPop3.connect(stlsPort(), false)) {
            client.stls();
            List<String> capa = client.multiLine("CAPA");
            // -PLUS joins the list only where the TLS engine gives a channel binding (RFC 9266).
            assertThat(capa).contains("USER").doesNotContain("STLS")
                    .anyMatch(l -> l.startsWith("SASL PLAIN LOGIN SCRAM-SHA-256"));
            assertThat(client.command("STLS")).isEqualTo("-ERR Command not permitted when TLS active");
        }
    }

    @Test
    void commandsPipelinedBehindStlsAreDiscarded() throws Exception {
        Account account = newAccount();
        try (RawPop3 client = RawPop3.connect(stlsPort(), false)) {
            // CVE-2011-0411: the injected USER must not survive into the TLS session.
            client.write("STLS\r\nUSER " + account.address() + "\r\n");
            assertThat(client.line()).startsWith("+OK");
            client.upgrade();
            assertThat(client.command("PASS " + PASSWORD)).isEqualTo("-ERR USER first");
            assertThat(client.command("NOOP")).isEqualTo("-ERR Command not valid in this state");
        }
    }

    @Test
    void theImplicitTlsPortNeedsNoStls() throws Exception {
        Account account = newAccount();
        try (RawPop3 client = RawPop3.connect(implicitTlsPort(), true)) {
            assertThat(client.multiLine("CAPA")).contains("USER").doesNotContain("STLS");
            assertThat(client.command("STLS")).startsWith("-ERR");
            assertThat(client.command("USER " + account.address())).startsWith("+OK");
            assertThat(client.command("PASS " + PASSWORD)).startsWith("+OK maildrop has 0 messages (0 octets)");
            assertThat(client.command("QUIT")).startsWith("+OK");
            assertThat(client.closedByServer()).isTrue();
        }
    }
}
