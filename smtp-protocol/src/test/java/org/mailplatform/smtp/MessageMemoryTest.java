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

    @Test
    void aDeclaredSizeIsReservedWholeAtDataAndOneThatDoesNotFitNowGets452BeforeItsData() {
        TranscriptConnection other = new TranscriptConnection();
        SmtpConversation second = new SmtpConversation("s2", SmtpSettings.transfer("mx.example.test").withMaxMessageSize(1024 * 1024),
                policy, other, null, null, memory);
        second.connected();
        TranscriptConnection.send(second, "EHLO other.test\r\n");

        TranscriptConnection.send(c, "MAIL FROM:<a@b.test> SIZE=40000\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");
        assertThat(conn.last().code()).isEqualTo(354);
        assertThat(memory.used()).isEqualTo(40000);
        TranscriptConnection.send(second, "MAIL FROM:<a@b.test> SIZE=20000\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");
        // Within the fixed maximum, but not within what may be reserved ahead now (RFC 1870 6.1's 452).
        assertThat(other.last().toString()).isEqualTo("452 4.3.1 Insufficient system storage, try again later");

        TranscriptConnection.send(c, ("x".repeat(98) + "\r\n").repeat(390) + ".\r\n");
        assertThat(conn.last().code()).isEqualTo(250);
        assertThat(memory.used()).isZero();

        TranscriptConnection.send(second, "DATA\r\n");
        assertThat(other.last().code()).isEqualTo(354);
        second.closed();
        assertThat(memory.used()).isZero();
    }

    @Test
    void aQuarterOfTheBudgetStaysForMessagesThatDeclareNoSize() {
        TranscriptConnection.send(c, "MAIL FROM:<a@b.test> SIZE=48000\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");
        assertThat(conn.last().code()).isEqualTo(354);
        TranscriptConnection other = new TranscriptConnection();
        SmtpConversation second = new SmtpConversation("s2", SmtpSettings.transfer("mx.example.test").withMaxMessageSize(1024 * 1024),
                policy, other, null, null, memory);
        second.connected();
        TranscriptConnection.send(second, "EHLO other.test\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");
        TranscriptConnection.send(second, "Subject: small\r\n\r\n" + ("y".repeat(98) + "\r\n").repeat(50) + ".\r\n");
        assertThat(other.last().code()).isEqualTo(250);
    }
}
