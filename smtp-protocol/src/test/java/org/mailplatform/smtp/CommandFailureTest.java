package org.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A command handler that fails in a way nobody planned for costs the client one transient reply, never
 * the session, and never shows it a stack trace.
 */
class CommandFailureTest {

    private final SmtpTestServer server = new SmtpTestServer(SmtpSettings.transfer("mx.example.test"));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aFailingRecipientCheckGets451AndTheTransactionGoesOn() throws Exception {
        try (SmtpTestClient client = server.connect()) {
            client.reply();
            client.replyLinesOf("EHLO client.test");
            assertThat(client.send("MAIL FROM:<a@b.test>")).startsWith("250 ");
            assertThat(client.send("RCPT TO:<bob@example.test>")).startsWith("250 ");

            server.policy.recipientFailure = new IllegalStateException("directory unreachable\r\n\tat Secret.method()");
            assertThat(client.send("RCPT TO:<carol@example.test>")).isEqualTo("451 4.3.0 Internal error, try again later");
            server.policy.recipientFailure = null;

            assertThat(client.send("DATA")).startsWith("354");
            client.write("Subject: still here\r\n\r\nhello\r\n.\r\n");
            assertThat(client.reply()).startsWith("250 2.0.0");
            assertThat(client.send("QUIT")).startsWith("221");
        }
        assertThat(server.policy.transactions).singleElement()
                .satisfies(tx -> assertThat(tx.recipients()).extracting(r -> r.path().address())
                        .containsExactly("bob@example.test"));
    }
}
