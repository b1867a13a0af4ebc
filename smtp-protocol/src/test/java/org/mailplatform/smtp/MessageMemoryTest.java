package org.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.kernel.support.MessageMemory;

/**
 * Messages being received are held in a budget of the process's heap: one that does not fit is
 * refused for now with 452 4.3.1, the session goes on, and every way a message can end gives its
 * memory back.
 */
class MessageMemoryTest {

    private static final int BUDGET = 64 * 1024;

    RecordingPolicy policy;
    TranscriptConnection conn;
    MessageMemory memory;
    SmtpConversation c;

    @BeforeEach
    void open() {
        policy = new RecordingPolicy();
        conn = new TranscriptConnection();
        memory = new MessageMemory(BUDGET);
        c = new SmtpConversation("s1", SmtpSettings.transfer("mx.example.test").withMaxMessageSize(1024 * 1024),
                policy, conn, null, null, memory);
        c.connected();
        TranscriptConnection.send(c, "EHLO client.test\r\n");
    }

    @Test
    void aMessageThatFitsIsAcceptedAndGivesItsMemoryBack() {
        TranscriptConnection.send(c, "MAIL FROM:<a@b.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");
        TranscriptConnection.send(c, ("x".repeat(70) + "\r\n").repeat(100) + ".\r\n");
        assertThat(conn.last().code()).isEqualTo(250);
        assertThat(policy.messages).hasSize(1);
        assertThat(memory.used()).isZero();
    }

    @Test
    void aMessageLargerThanTheBudgetIsRefusedForNowAndTheSessionGoesOn() {
        TranscriptConnection.send(c, "MAIL FROM:<a@b.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");
        TranscriptConnection.send(c, ("x".repeat(98) + "\r\n").repeat(1000) + ".\r\n");
        assertThat(conn.last().toString()).isEqualTo("452 4.3.1 Insufficient system storage, try again later");
        assertThat(policy.messages).isEmpty();
        assertThat(memory.used()).isZero();
        assertThat(memory.refusals()).isPositive();
        // The transaction is over and the next one, small enough, goes through.
        TranscriptConnection.send(c, "MAIL FROM:<a@b.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\nSubject: small\r\n\r\nhi\r\n.\r\n");
        assertThat(conn.last().code()).isEqualTo(250);
        assertThat(policy.messages).hasSize(1);
    }

    @Test
    void whatOtherSessionsHoldCountsAgainstTheBudget() {
        assertThat(memory.tryReserve(BUDGET - 4096)).isTrue();
        TranscriptConnection.send(c, "MAIL FROM:<a@b.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");
        TranscriptConnection.send(c, ("x".repeat(98) + "\r\n").repeat(100) + ".\r\n");
        assertThat(conn.last().toString()).startsWith("452 4.3.1");
        memory.release(BUDGET - 4096);
        assertThat(memory.used()).isZero();
    }

    @Test
    void aBdatChunkPastTheBudgetEndsTheTransactionWith452() {
        TranscriptConnection.send(c, "MAIL FROM:<a@b.test>\r\nRCPT TO:<bob@example.test>\r\nBDAT 100000\r\n");
        c.rawBytes(new byte[100000], true);
        assertThat(conn.last().toString()).startsWith("452 4.3.1");
        assertThat(memory.used()).isZero();
        TranscriptConnection.send(c, "BDAT 3 LAST\r\n");
        c.rawBytes("abc".getBytes(), true);
        // RFC 3030 4: the refused chunk ended the transaction.
        assertThat(conn.last().toString()).startsWith("503 5.5.1");
    }

    @Test
    void rsetAndAClosedConnectionGiveBackWhatAnUnfinishedMessageHeld() {
        TranscriptConnection.send(c, "MAIL FROM:<a@b.test>\r\nRCPT TO:<bob@example.test>\r\nBDAT 20000\r\n");
        c.rawBytes(new byte[20000], true);
        assertThat(memory.used()).isPositive();
        TranscriptConnection.send(c, "RSET\r\n");
        assertThat(memory.used()).isZero();

        TranscriptConnection.send(c, "MAIL FROM:<a@b.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");
        TranscriptConnection.send(c, ("x".repeat(98) + "\r\n").repeat(200));
        assertThat(memory.used()).isPositive();
        c.closed();
        assertThat(memory.used()).isZero();
    }
}
