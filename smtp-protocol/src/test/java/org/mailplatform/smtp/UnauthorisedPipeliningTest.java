package org.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.kernel.ProtocolSession;
import org.mailplatform.kernel.ProtocolSessionFactory;
import org.mailplatform.kernel.SessionContext;

/**
 * RFC 2920 3.1 over a real socket: a client that sends commands ahead of the replies without having
 * negotiated PIPELINING through EHLO, or talks before the greeting, gets {@code 554 5.5.0} and is
 * disconnected before anything it sent is acted on.
 */
class UnauthorisedPipeliningTest {

    private SmtpTestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static SmtpSettings settings() {
        return SmtpSettings.transfer("mx.example.test");
    }

    @Test
    void heloFollowedByMailAndRcptInOnePacketIsRefusedAndClosed() throws Exception {
        server = new SmtpTestServer(settings());
        try (SmtpTestClient client = server.connect()) {
            assertThat(client.reply()).startsWith("220 ");

            client.write("HELO bot.test\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");

            assertThat(client.reply()).isEqualTo("554 5.5.0 Error: SMTP protocol synchronization");
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(server.policy.transactions).isEmpty();
    }

    @Test
    void ehloMustBeAnsweredBeforeTheClientMayPipeline() throws Exception {
        server = new SmtpTestServer(settings());
        try (SmtpTestClient client = server.connect()) {
            client.reply();

            client.write("EHLO bot.test\r\nMAIL FROM:<a@b.test>\r\n");

            assertThat(client.reply()).startsWith("554 5.5.0");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void afterEhloTheTransactionMayBePipelined() throws Exception {
        server = new SmtpTestServer(settings());
        try (SmtpTestClient client = server.connect()) {
            client.reply();
            assertThat(client.replyLinesOf("EHLO client.test")).contains("250-PIPELINING");

            client.write("MAIL FROM:<a@b.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");
            assertThat(client.reply()).startsWith("250 2.1.0");
            assertThat(client.reply()).startsWith("250 2.1.5");
            assertThat(client.reply()).startsWith("354");
            client.write("Subject: pipelined\r\n\r\nhello\r\n.\r\nQUIT\r\n");
            assertThat(client.reply()).startsWith("250 2.0.0");
            assertThat(client.reply()).startsWith("221");
        }
        assertThat(server.policy.messages).hasSize(1);
    }

    @Test
    void aHeloClientThatWaitsForEachReplyIsServed() throws Exception {
        server = new SmtpTestServer(settings());
        try (SmtpTestClient client = server.connect()) {
            client.reply();
            assertThat(client.send("HELO client.test")).startsWith("250 ");
            assertThat(client.send("MAIL FROM:<a@b.test>")).startsWith("250 ");
            assertThat(client.send("RCPT TO:<bob@example.test>")).startsWith("250 ");
            assertThat(client.send("DATA")).startsWith("354");
            // The message text is not commands: it may come in one packet, and QUIT may follow the dot.
            client.write("Subject: one at a time\r\n\r\nhello\r\n.\r\nQUIT\r\n");
            assertThat(client.reply()).startsWith("250 2.0.0");
            assertThat(client.reply()).startsWith("221");
        }
        assertThat(server.policy.messages).hasSize(1);
    }

    @Test
    void aHeloSessionMayNeverPipeline() throws Exception {
        server = new SmtpTestServer(settings());
        try (SmtpTestClient client = server.connect()) {
            client.reply();
            // A HELO session never negotiates PIPELINING, however many commands it waited for before.
            assertThat(client.send("HELO client.test")).startsWith("250 ");
            assertThat(client.send("NOOP")).startsWith("250 ");

            client.write("RSET\r\nNOOP\r\n");

            assertThat(client.reply()).startsWith("554 5.5.0");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void talkBeforeTheGreetingIsRefused() throws Exception {
        // The session opens only once the client's bytes have arrived: talk before the greeting, deterministically.
        server = new SmtpTestServer(settings(), UnauthorisedPipeliningTest::openAfterInputArrived);
        try (SmtpTestClient client = server.connect()) {
            client.write("EHLO bot.test\r\n");

            assertThat(client.reply()).isEqualTo("554 5.5.0 Error: SMTP protocol synchronization");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void aGreetingDelayCatchesAClientThatDoesNotWaitForTheGreeting() throws Exception {
        server = new SmtpTestServer(settings().withGreetingDelay(Duration.ofSeconds(1)));
        try (SmtpTestClient client = server.connect()) {
            client.write("EHLO bot.test\r\n");

            assertThat(client.reply()).startsWith("554 5.5.0");
        }
        try (SmtpTestClient patient = server.connect()) {
            assertThat(patient.reply()).startsWith("220 ");
            assertThat(patient.send("EHLO client.test")).startsWith("250 ");
        }
    }

    @Test
    void theCheckCanBeSwitchedOff() throws Exception {
        server = new SmtpTestServer(settings().withForbidUnauthPipelining(false));
        try (SmtpTestClient client = server.connect()) {
            client.reply();

            client.write("HELO old.test\r\nMAIL FROM:<a@b.test>\r\n");

            assertThat(client.reply()).startsWith("250 ");
            assertThat(client.reply()).startsWith("250 2.1.0");
        }
    }

    private static ProtocolSessionFactory openAfterInputArrived(ProtocolSessionFactory smtp) {
        return new ProtocolSessionFactory() {
            @Override
            public ProtocolSession open(SessionContext context) {
                await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(context::inputPending);
                return smtp.open(context);
            }

            @Override
            public byte[] tooManyConnectionsReply() {
                return smtp.tooManyConnectionsReply();
            }
        };
    }
}
