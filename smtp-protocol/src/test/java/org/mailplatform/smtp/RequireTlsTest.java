package org.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** REQUIRETLS (RFC 8689): offered and accepted only on a TLS session, carried into the envelope. */
class RequireTlsTest {

    RecordingPolicy policy;
    TranscriptConnection conn;
    SmtpConversation c;

    @BeforeEach
    void open() {
        policy = new RecordingPolicy();
        conn = new TranscriptConnection();
        c = new SmtpConversation("s1", SmtpSettings.transfer("mx.example.test"), policy, conn, null, null);
        c.connected();
    }

    @Test
    void notOfferedBeforeTlsAndRefusedWith530Then() {
        TranscriptConnection.send(c, "EHLO client.test\r\n");
        assertThat(conn.last().lines()).doesNotContain("REQUIRETLS");

        TranscriptConnection.send(c, "MAIL FROM:<a@b.test> REQUIRETLS\r\n");
        assertThat(conn.last().toString()).startsWith("530 5.7.10 ");
        // The session goes on: the same sender without the parameter is accepted.
        TranscriptConnection.send(c, "MAIL FROM:<a@b.test>\r\n");
        assertThat(conn.last().code()).isEqualTo(250);
    }

    @Test
    void offeredAfterTlsAndCarriedIntoTheEnvelope() {
        conn.tls = true;
        TranscriptConnection.send(c, "EHLO client.test\r\n");
        assertThat(conn.last().lines()).contains("REQUIRETLS");

        TranscriptConnection.send(c, "MAIL FROM:<a@b.test> REQUIRETLS\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");
        assertThat(conn.last().code()).isEqualTo(354);
        TranscriptConnection.send(c, "Subject: secret\r\n\r\nbody\r\n.\r\n");
        assertThat(conn.last().code()).isEqualTo(250);

        SmtpTransaction tx = policy.transactions.getFirst();
        assertThat(tx.parameters().requireTls()).isTrue();
        assertThat(EnvelopeMapper.toEnvelope("Q1", c.info(), tx, Instant.now()).requireTls()).isTrue();
    }

    @Test
    void aValueIsASyntaxErrorAndAPlainMailDoesNotRequireTls() {
        conn.tls = true;
        TranscriptConnection.send(c, "EHLO client.test\r\nMAIL FROM:<a@b.test> REQUIRETLS=yes\r\n");
        assertThat(conn.last().code()).isEqualTo(501);

        TranscriptConnection.send(c, "MAIL FROM:<a@b.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\nx\r\n.\r\n");
        assertThat(policy.transactions.getFirst().parameters().requireTls()).isFalse();
    }
}
