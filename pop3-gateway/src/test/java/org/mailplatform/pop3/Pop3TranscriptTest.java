package org.mailplatform.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.kernel.Line;
import org.mailplatform.pop3.command.Pop3Dispatcher;
import org.mailplatform.pop3.session.Pop3Services;
import org.mailplatform.pop3.session.Pop3Session;
import org.mailplatform.pop3.session.Pop3Settings;
import org.mailplatform.pop3.store.LockAttempt;
import org.mailplatform.store.account.Account;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The state machine as conversation scripts ({@code C:} client line, {@code S:} server line), with
 * the real store and authenticator but no socket: the session sees a scripted connection.
 */
class Pop3TranscriptTest extends Pop3IntegrationTest {

    private static final Pop3Settings DEFAULTS = Pop3Settings.defaults("pop.example.test");
    private static final Pop3Settings LOCAL_DEV = DEFAULTS.withAllowPlaintextAuth(true);

    @Autowired
    Pop3Services services;

    private final Pop3Dispatcher dispatcher = new Pop3Dispatcher();
    private final List<Pop3Session> sessions = new ArrayList<>();

    /** As the kernel does when a connection ends: no maildrop stays locked after a test. */
    @AfterEach
    void closeSessions() {
        sessions.forEach(Pop3Session::closed);
    }

    /** A session over a plaintext connection that may start TLS, greeting already checked. */
    private Script script(Pop3Settings settings) {
        ScriptedConnection connection = new ScriptedConnection(false, true);
        Pop3Session session = new Pop3Session(connection, settings, services);
        sessions.add(session);
        session.start();
        assertThat(connection.takeOutput()).isEqualTo("+OK pop.example.test POP3 server ready\r\n");
        return new Script(session, connection);
    }

    private final class Script {
        final Pop3Session session;
        final ScriptedConnection connection;

        Script(Pop3Session session, ScriptedConnection connection) {
            this.session = session;
            this.connection = connection;
        }

        /** Plays C: lines and checks that the S: lines after each are exactly what came back. */
        Script play(String... lines) {
            int i = 0;
            while (i < lines.length) {
                String client = lines[i++];
                assertThat(client).startsWith("C: ");
                List<String> expected = new ArrayList<>();
                while (i < lines.length && lines[i].startsWith("S: ")) {
                    expected.add(lines[i++].substring(3));
                }
                dispatcher.onLine(session, Line.of(client.substring(3)));
                String reply = connection.takeOutput();
                assertThat(reply).as("reply to " + client).isEqualTo(String.join("\r\n", expected) + "\r\n");
            }
            return this;
        }
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void localDevelopmentAllowsPlaintextLoginAndTheWholeTransaction() {
        Account account = newAccount();
        String msg = message("t", "x\r\n");
        deliver(account, msg);
        int size = stored(account, msg).length;
        Script s = script(LOCAL_DEV).play(
                "C: CAPA",
                "S: +OK Capability list follows", "S: TOP", "S: UIDL", "S: RESP-CODES", "S: AUTH-RESP-CODE",
                "S: PIPELINING", "S: STLS", "S: USER", "S: SASL PLAIN LOGIN SCRAM-SHA-256", "S: IMPLEMENTATION mail-platform", "S: .",
                "C: USER " + account.address(),
                "S: +OK Send your password",
                "C: PASS " + PASSWORD,
                "S: +OK maildrop has 1 messages (" + size + " octets)",
                "C: CAPA",
                "S: +OK Capability list follows", "S: TOP", "S: UIDL", "S: RESP-CODES", "S: AUTH-RESP-CODE",
                "S: PIPELINING", "S: IMPLEMENTATION mail-platform", "S: .",
                "C: DELE 1",
                "S: +OK message 1 deleted",
                "C: STAT",
                "S: +OK 0 0",
                "C: DELE 1",
                "S: -ERR Message 1 already deleted",
                "C: RSET",
                "S: +OK maildrop has 1 messages (" + size + " octets)",
                "C: NOOP",
                "S: +OK",
                "C: QUIT",
                "S: +OK pop.example.test POP3 server signing off (maildrop has 1 messages)");
        assertThat(s.connection.isOpen()).isFalse();
        assertThat(inboxUids(account)).hasSize(1);
    }

    @Test
    void defaultsRefusePasswordsBeforeTls() {
        script(DEFAULTS).play(
                "C: USER someone@example.test",
                "S: -ERR [AUTH] Plaintext authentication not permitted before STLS",
                "C: AUTH",
                "S: +OK Supported mechanisms follow", "S: .",
                "C: AUTH PLAIN",
                "S: -ERR [AUTH] Plaintext authentication not permitted before STLS",
                "C: STLS",
                "S: +OK Begin TLS negotiation",
                "C: AUTH",
                "S: +OK Supported mechanisms follow", "S: PLAIN", "S: LOGIN", "S: SCRAM-SHA-256", "S: .");
    }

    @Test
    void stlsForgetsWhatWasSaidBeforeIt() {
        Account account = newAccount();
        script(LOCAL_DEV).play(
                "C: USER " + account.address(),
                "S: +OK Send your password",
                "C: STLS",
                "S: +OK Begin TLS negotiation",
                "C: PASS " + PASSWORD,
                "S: -ERR USER first",
                "C: STLS",
                "S: -ERR Command not permitted when TLS active");
    }

    @Test
    void saslLoginTakesTwoChallenges() {
        Account account = newAccount();
        script(LOCAL_DEV).play(
                "C: AUTH LOGIN",
                "S: + " + b64("Username:"),
                "C: " + b64(account.address().toString()),
                "S: + " + b64("Password:"),
                "C: " + b64(PASSWORD),
                "S: +OK maildrop has 0 messages (0 octets)",
                "C: AUTH LOGIN",
                "S: -ERR Command not valid in this state");
    }

    @Test
    void saslPlainWithInitialResponse() {
        Account account = newAccount();
        script(LOCAL_DEV).play(
                "C: AUTH PLAIN =",
                "S: -ERR Invalid authentication data",
                "C: AUTH PLAIN " + b64("\0" + account.address() + "\0wrong password"),
                "S: -ERR [AUTH] Invalid user name or password",
                "C: AUTH PLAIN " + b64("other@example.test\0" + account.address() + "\0" + PASSWORD),
                "S: -ERR [AUTH] Not authorized to act as that user",
                "C: auth plain " + b64("\0" + account.address() + "\0" + PASSWORD),
                "S: +OK maildrop has 0 messages (0 octets)");
    }

    @Test
    void anOverlongLineEndsAPendingExchange() {
        Script s = script(LOCAL_DEV).play(
                "C: AUTH PLAIN",
                "S: + ");
        dispatcher.onLine(s.session, new Line("x".repeat(100).getBytes(StandardCharsets.US_ASCII), false, false, true));
        assertThat(s.connection.takeOutput()).isEqualTo("-ERR Line too long\r\n");
        s.play("C: STAT", "S: -ERR Command not valid in this state");
    }

    @Test
    void autologoutRemovesNothingAndFreesTheMaildrop() {
        Account account = newAccount();
        String stays = message("stays", "s\r\n");
        deliver(account, stays);
        Script s = script(LOCAL_DEV).play(
                "C: USER " + account.address(),
                "S: +OK Send your password",
                "C: PASS " + PASSWORD,
                "S: +OK maildrop has 1 messages (" + stored(account, stays).length + " octets)");
        s.play("C: DELE 1", "S: +OK message 1 deleted");
        assertThat(services.locks().tryLock(account.id())).isInstanceOf(LockAttempt.InUse.class);

        s.session.idleTimeout();

        assertThat(s.connection.takeOutput()).isEqualTo("-ERR Autologout; idle for too long\r\n");
        LockAttempt again = services.locks().tryLock(account.id());
        assertThat(again).isInstanceOf(LockAttempt.Acquired.class);
        ((LockAttempt.Acquired) again).lock().close();
        assertThat(inboxUids(account)).hasSize(1);
    }

    @Test
    void shutdownSaysGoodbyeAndFreesTheMaildrop() {
        Account account = newAccount();
        Script s = script(LOCAL_DEV).play(
                "C: USER " + account.address(),
                "S: +OK Send your password",
                "C: PASS " + PASSWORD,
                "S: +OK maildrop has 0 messages (0 octets)");
        s.session.shutdown();
        assertThat(s.connection.takeOutput()).isEqualTo("-ERR [SYS/TEMP] Server shutting down, try again later\r\n");
        assertThat(s.connection.isOpen()).isFalse();
        LockAttempt again = services.locks().tryLock(account.id());
        assertThat(again).isInstanceOf(LockAttempt.Acquired.class);
        ((LockAttempt.Acquired) again).lock().close();
    }

    @Test
    void tooManyCommandsWithoutLoggingInCloseTheConnection() {
        Pop3Settings strict = new Pop3Settings("pop.example.test", false, Pop3Settings.MIN_IDLE_TIMEOUT, 8192, 3, 2);
        Script s = script(strict).play(
                "C: NOOP",
                "S: -ERR Command not valid in this state",
                "C: XYZZY",
                "S: -ERR Unknown command",
                "C: CAPA",
                "S: -ERR Too many commands without logging in");
        assertThat(s.connection.isOpen()).isFalse();
    }

    @Test
    void quitBeforeLoginJustSaysGoodbye() {
        Script s = script(DEFAULTS).play(
                "C: quit",
                "S: +OK pop.example.test POP3 server signing off");
        assertThat(s.connection.isOpen()).isFalse();
    }
}
