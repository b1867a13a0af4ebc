package org.mailplatform.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.kernel.KernelSettings;
import org.mailplatform.kernel.ListenerSpec;
import org.mailplatform.kernel.ProtocolServer;
import org.mailplatform.kernel.TlsMode;
import org.mailplatform.smtp.MailParameters;
import org.mailplatform.smtp.MailPath;
import org.mailplatform.smtp.RcptParameters;
import org.mailplatform.smtp.SmtpPolicy;
import org.mailplatform.smtp.SmtpReply;
import org.mailplatform.smtp.SmtpSessionInfo;
import org.mailplatform.smtp.SmtpSettings;
import org.mailplatform.smtp.SmtpTransaction;

/** NOOP, RSET, VRFY, EXPN and HELP floods on port 25, over a real socket (Postfix's smtpd_junk_command_limit). */
class SmtpJunkCommandTest {

    private static final String[] JUNK = {"NOOP", "RSET", "VRFY postmaster", "EXPN staff", "HELP"};
    private static final String CUT_OFF = "421 4.7.0 mx.example.test Error: too many junk commands";

    private final AtomicInteger accepted = new AtomicInteger();
    private ProtocolServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theHundredAndFirstJunkCommandEndsTheSession() throws Exception {
        try (SmtpClientLimitsTest.Client client = new SmtpClientLimitsTest.Client(start(SmtpSettings.transfer("mx.example.test")))) {
            client.readLine();
            assertThat(client.command("EHLO client.example.test")).startsWith("250");
            for (int i = 0; i < SmtpSettings.DEFAULT_MAX_JUNK_COMMANDS; i++) {
                assertThat(client.command(JUNK[i % JUNK.length])).matches("2\\d\\d .*|502 .*");
            }

            assertThat(client.command("NOOP")).isEqualTo(CUT_OFF);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void aPipelinedFloodIsCutOffAtTheLimit() throws Exception {
        try (SmtpClientLimitsTest.Client client = new SmtpClientLimitsTest.Client(start(SmtpSettings.transfer("mx.example.test")
                .withMaxJunkCommands(10)))) {
            client.readLine();
            client.command("EHLO client.example.test");
            client.send("NOOP\r\n".repeat(10_000));

            assertThat(client.readUntil(line -> !line.startsWith("250"))).isEqualTo(CUT_OFF);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void eachAcceptedMessageStartsTheCountOver() throws Exception {
        try (SmtpClientLimitsTest.Client client = new SmtpClientLimitsTest.Client(start(SmtpSettings.transfer("mx.example.test")
                .withMaxJunkCommands(10)))) {
            client.readLine();
            client.command("EHLO client.example.test");
            for (int message = 0; message < 3; message++) {
                for (int i = 0; i < 9; i++) {
                    assertThat(client.command("RSET")).startsWith("250");
                }
                assertThat(client.command("MAIL FROM:<a@client.example.test>")).startsWith("250");
                assertThat(client.command("RCPT TO:<b@example.test>")).startsWith("250");
                assertThat(client.command("DATA")).startsWith("354");
                assertThat(client.command("Subject: " + message + "\r\n\r\nbody\r\n.")).startsWith("250");
            }
            assertThat(accepted).hasValue(3);
            assertThat(client.command("NOOP")).startsWith("250");
        }
    }

    private int start(SmtpSettings settings) {
        SmtpSessionFactory factory = new SmtpSessionFactory(settings, new AcceptAll(), null, null, Duration.ofMinutes(30));
        server = ProtocolServer.builder("smtp", factory)
                .settings(KernelSettings.defaults().withShutdownGracePeriod(Duration.ofSeconds(1)))
                .listener(new ListenerSpec("smtp", "127.0.0.1", 0, TlsMode.NONE))
                .build();
        server.start();
        return server.boundPort("smtp");
    }

    private final class AcceptAll implements SmtpPolicy {

        @Override
        public SmtpReply checkSender(SmtpSessionInfo session, MailPath from, MailParameters parameters) {
            return null;
        }

        @Override
        public SmtpReply checkRecipient(SmtpSessionInfo session, SmtpTransaction soFar, MailPath recipient, RcptParameters parameters) {
            return null;
        }

        @Override
        public SmtpReply accept(SmtpSessionInfo session, SmtpTransaction transaction, byte[] message) {
            accepted.incrementAndGet();
            return SmtpReply.of(250, "2.0.0", "Ok: queued");
        }
    }
}
