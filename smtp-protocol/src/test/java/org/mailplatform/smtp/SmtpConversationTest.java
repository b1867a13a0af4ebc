package org.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whole SMTP exchanges against the conversation, without a socket (transcript tests). */
class SmtpConversationTest {

    RecordingPolicy policy;
    TranscriptConnection conn;
    SmtpConversation c;

    @BeforeEach
    void open() {
        policy = new RecordingPolicy();
        conn = new TranscriptConnection();
        c = new SmtpConversation("s1", SmtpSettings.transfer("mx.example.test").withMaxMessageSize(1000).withMaxRecipients(3),
                policy, conn, null, null);
        c.connected();
    }

    private int code() {
        return conn.last().code();
    }

    @Test
    void greetingAndEhloListTheExtensions() {
        assertThat(conn.replies.get(0).toString()).isEqualTo("220 mx.example.test ESMTP ready");
        TranscriptConnection.send(c, "EHLO client.test\r\n");
        assertThat(conn.last().lines()).contains("PIPELINING", "SIZE 1000", "8BITMIME", "SMTPUTF8",
                "ENHANCEDSTATUSCODES", "CHUNKING", "DSN", "STARTTLS");
        assertThat(conn.last().lines()).noneMatch(l -> l.startsWith("AUTH"));
    }

    @Test
    void mailBeforeEhloIsOutOfSequence() {
        TranscriptConnection.send(c, "MAIL FROM:<a@b.test>\r\n");
        assertThat(conn.last().toString()).startsWith("503 5.5.1");
    }

    @Test
    void dataIsDotUnstuffedAndHandedOverExactly() {
        TranscriptConnection.send(c, "EHLO client.test\r\nMAIL FROM:<a@b.test> BODY=8BITMIME\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");
        assertThat(code()).isEqualTo(354);
        TranscriptConnection.send(c, "Subject: hi\r\n\r\n..leading dot\r\n.\r\n");
        assertThat(conn.last().toString()).isEqualTo("250 2.0.0 Ok: queued as Q1");
        assertThat(new String(policy.messages.get(0), StandardCharsets.UTF_8)).isEqualTo("Subject: hi\r\n\r\n.leading dot\r\n");
        SmtpTransaction tx = policy.transactions.get(0);
        assertThat(tx.from().address()).isEqualTo("a@b.test");
        assertThat(tx.recipients()).extracting(r -> r.path().address()).containsExactly("bob@example.test");
        assertThat(tx.parameters().body()).isEqualTo(org.mailplatform.records.BodyType.EIGHT_BIT_MIME);
        // The transaction is over: a new MAIL is accepted.
        TranscriptConnection.send(c, "MAIL FROM:<>\r\n");
        assertThat(code()).isEqualTo(250);
    }

    @Test
    void relayIsRefusedAndDataWithoutValidRecipientsGets554() {
        TranscriptConnection.send(c, "EHLO c\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<x@elsewhere.test>\r\n");
        assertThat(conn.last().toString()).startsWith("554 5.7.1");
        TranscriptConnection.send(c, "DATA\r\n");
        assertThat(conn.last().toString()).startsWith("554 5.5.1");
        assertThat(policy.messages).isEmpty();
    }

    @Test
    void declaredSizeOverTheLimitIsRefusedAtMail() {
        TranscriptConnection.send(c, "EHLO c\r\nMAIL FROM:<a@b.test> SIZE=1001\r\n");
        assertThat(conn.last().toString()).startsWith("552 5.3.4");
    }

    @Test
    void dataOverTheLimitIsRefusedAtTheEnd() {
        TranscriptConnection.send(c, "EHLO c\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");
        TranscriptConnection.send(c, ("x".repeat(100) + "\r\n").repeat(20) + ".\r\n");
        assertThat(conn.last().toString()).startsWith("552 5.3.4");
        assertThat(policy.messages).isEmpty();
        assertThat(conn.closed).isFalse();
    }

    @Test
    void recipientLimitGives452() {
        TranscriptConnection.send(c, "EHLO c\r\nMAIL FROM:<a@b.test>\r\n");
        for (int i = 0; i < 3; i++) {
            TranscriptConnection.send(c, "RCPT TO:<u" + i + "@example.test>\r\n");
            assertThat(code()).isEqualTo(250);
        }
        TranscriptConnection.send(c, "RCPT TO:<u9@example.test>\r\n");
        assertThat(conn.last().toString()).startsWith("452 4.5.3");
    }

    @Test
    void bareLfInDataEndsTheSessionWithoutDelivering() {
        TranscriptConnection.send(c, "EHLO c\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");
        TranscriptConnection.send(c, "Subject: x\r\n\r\nbody\n.\r\nMAIL FROM:<evil@b.test>\r\n");
        assertThat(conn.last().toString()).startsWith("550 5.5.2");
        assertThat(conn.closed).isTrue();
        assertThat(policy.messages).isEmpty();
    }

    @Test
    void bareCrInDataEndsTheSession() {
        TranscriptConnection.send(c, "EHLO c\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");
        TranscriptConnection.send(c, "Subject: x\r\n\r\nbody\r.\r\n");
        assertThat(conn.closed).isTrue();
        assertThat(policy.messages).isEmpty();
    }

    @Test
    void bdatChunksAssembleTheMessage() {
        TranscriptConnection.send(c, "EHLO c\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<bob@example.test>\r\nBDAT 5\r\n");
        assertThat(conn.rawRequested).isEqualTo(5);
        c.rawBytes("Subj".getBytes(), false);
        c.rawBytes("e".getBytes(), true);
        assertThat(conn.last().toString()).isEqualTo("250 2.0.0 5 octets received");
        TranscriptConnection.send(c, "BDAT 7 LAST\r\n");
        c.rawBytes("ct\r\n\r\n.".getBytes(), true);
        assertThat(conn.last().code()).isEqualTo(250);
        assertThat(new String(policy.messages.get(0))).isEqualTo("Subject\r\n\r\n.");
    }

    @Test
    void bdatWithoutRecipientsIsReadThenRefused() {
        TranscriptConnection.send(c, "EHLO c\r\nBDAT 3 LAST\r\n");
        assertThat(conn.rawRequested).isEqualTo(3);
        c.rawBytes("abc".getBytes(), true);
        assertThat(conn.last().toString()).startsWith("503 5.5.1");
        TranscriptConnection.send(c, "NOOP\r\n");
        assertThat(code()).isEqualTo(250);
    }

    @Test
    void startTlsForgetsTheEarlierGreeting() {
        TranscriptConnection.send(c, "EHLO c\r\nSTARTTLS\r\n");
        assertThat(conn.last().toString()).isEqualTo("220 2.0.0 Ready to start TLS");
        TranscriptConnection.send(c, "MAIL FROM:<a@b.test>\r\n");
        assertThat(conn.last().toString()).startsWith("503 5.5.1");
        TranscriptConnection.send(c, "EHLO c\r\n");
        assertThat(conn.last().lines()).doesNotContain("STARTTLS");
    }

    @Test
    void vrfyAndExpnRevealNothing() {
        TranscriptConnection.send(c, "VRFY bob\r\n");
        assertThat(conn.last().toString()).startsWith("252 2.5.0");
        TranscriptConnection.send(c, "EXPN staff\r\n");
        assertThat(conn.last().toString()).startsWith("252 2.5.0");
    }

    @Test
    void unknownCommandsAndTooManyErrorsEndWith421() {
        for (int i = 0; i < 19; i++) {
            TranscriptConnection.send(c, "FOO\r\n");
            assertThat(conn.last().toString()).startsWith("500 5.5.1");
        }
        TranscriptConnection.send(c, "FOO\r\n");
        assertThat(conn.last().toString()).startsWith("421 4.7.0");
        assertThat(conn.closed).isTrue();
    }

    @Test
    void temporaryHandOffFailureIsA4xxNeverA250() {
        policy.acceptReply = SmtpReply.of(451, "4.3.0", "Try again later");
        TranscriptConnection.send(c, "EHLO c\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\nx\r\n.\r\n");
        assertThat(conn.last().toString()).startsWith("451 4.3.0");
    }

    @Test
    void nonAsciiAddressNeedsSmtpUtf8() {
        TranscriptConnection.send(c, "EHLO c\r\nMAIL FROM:<δ@b.test>\r\n");
        assertThat(conn.last().toString()).startsWith("553 5.6.7");
        TranscriptConnection.send(c, "MAIL FROM:<δ@b.test> SMTPUTF8\r\n");
        assertThat(code()).isEqualTo(250);
    }

    @Test
    void heloSessionsTakeNoParameters() {
        TranscriptConnection.send(c, "HELO c\r\nMAIL FROM:<a@b.test> SIZE=10\r\n");
        assertThat(conn.last().toString()).startsWith("555 5.5.4");
    }

    @Test
    void bareLfOnACommandEndsTheSession() {
        TranscriptConnection.send(c, "EHLO c\n");
        assertThat(conn.last().toString()).startsWith("550 5.5.2");
        assertThat(conn.closed).isTrue();
    }

    @Test
    void quitSays221AndCloses() {
        TranscriptConnection.send(c, "QUIT\r\n");
        assertThat(conn.last().toString()).isEqualTo("221 2.0.0 Bye");
        assertThat(conn.closed).isTrue();
    }

    @Test
    void commandsAheadOfTheReplyWithoutPipeliningEndTheSession() {
        conn.packet(c, "HELO c\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<bob@example.test>\r\n");
        assertThat(conn.replies).extracting(SmtpReply::toString)
                .containsExactly("220 mx.example.test ESMTP ready", "554 5.5.0 Error: SMTP protocol synchronization");
        assertThat(conn.closed).isTrue();
    }

    @Test
    void afterEhloCommandsMayBePipelined() {
        TranscriptConnection.send(c, "EHLO c\r\n");
        conn.packet(c, "MAIL FROM:<a@b.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");
        assertThat(code()).isEqualTo(354);
        assertThat(conn.closed).isFalse();
    }

    @Test
    void talkBeforeTheGreetingEndsTheSession() {
        TranscriptConnection early = new TranscriptConnection();
        early.pending = true;
        SmtpConversation bot = new SmtpConversation("s2", SmtpSettings.transfer("mx.example.test"), policy, early, null, null);
        bot.connected();
        assertThat(early.replies).extracting(SmtpReply::toString).containsExactly("554 5.5.0 Error: SMTP protocol synchronization");
        assertThat(early.closed).isTrue();
    }

    @Test
    void aRefusedConnectionGets554InPlaceOfTheGreetingThenOnlyQuit() {
        TranscriptConnection refused = new TranscriptConnection();
        RecordingPolicy blocking = new RecordingPolicy();
        blocking.connectionRefusal = SmtpReply.of(554, "5.7.1", "Service unavailable; client blocked");
        SmtpConversation s = new SmtpConversation("s6", SmtpSettings.transfer("mx.example.test"), blocking, refused, null, null);
        s.connected();
        assertThat(refused.replies).extracting(SmtpReply::toString)
                .containsExactly("554 5.7.1 Service unavailable; client blocked");

        // RFC 5321 3.1: everything but QUIT gets 503; no transaction starts.
        TranscriptConnection.send(s, "EHLO c\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");
        assertThat(refused.replies).hasSize(5);
        assertThat(refused.replies.subList(1, 5)).allSatisfy(r -> assertThat(r.toString()).startsWith("503 5.7.1"));
        assertThat(refused.closed).isFalse();
        assertThat(blocking.transactions).isEmpty();
        TranscriptConnection.send(s, "QUIT\r\n");
        assertThat(refused.last().toString()).isEqualTo("221 2.0.0 Bye");
        assertThat(refused.closed).isTrue();
    }

    @Test
    void anUnexpectedFailureInACommandGets451AndTheSessionGoesOn() {
        TranscriptConnection.send(c, "EHLO c\r\nMAIL FROM:<a@b.test>\r\n");
        policy.recipientFailure = new IllegalStateException("boom");
        TranscriptConnection.send(c, "RCPT TO:<bob@example.test>\r\n");
        assertThat(conn.last().toString()).isEqualTo("451 4.3.0 Internal error, try again later");
        assertThat(conn.closed).isFalse();
        policy.recipientFailure = null;
        TranscriptConnection.send(c, "RCPT TO:<bob@example.test>\r\n");
        assertThat(code()).isEqualTo(250);
    }

    @Test
    void submissionCutsOffAClientThatDoesNotAuthenticate() {
        TranscriptConnection sub = new TranscriptConnection();
        SmtpConversation s = new SmtpConversation("s3", SmtpSettings.submission("mail.example.test").withMaxCommandsBeforeAuth(4),
                policy, sub, null, null);
        s.connected();
        for (String command : new String[] {"EHLO c", "NOOP", "RSET", "HELP"}) {
            TranscriptConnection.send(s, command + "\r\n");
            assertThat(sub.closed).isFalse();
        }
        TranscriptConnection.send(s, "NOOP\r\n");
        assertThat(sub.last().toString()).isEqualTo("421 4.7.0 mail.example.test Error: too many commands before authentication");
        assertThat(sub.closed).isTrue();
    }

    @Test
    void afterAuthenticationJunkCommandsAreStillLimited() {
        TranscriptConnection sub = new TranscriptConnection();
        SmtpConversation s = new SmtpConversation("s5", SmtpSettings.submission("mail.example.test").withMaxJunkCommands(5),
                policy, sub, null, null);
        s.connected();
        TranscriptConnection.send(s, "EHLO c\r\n");
        s.authenticated("alice@example.test");
        for (int i = 0; i < 5; i++) {
            TranscriptConnection.send(s, "NOOP\r\n");
            assertThat(sub.closed).isFalse();
        }
        TranscriptConnection.send(s, "RSET\r\n");
        assertThat(sub.last().toString()).isEqualTo("421 4.7.0 mail.example.test Error: too many junk commands");
        assertThat(sub.closed).isTrue();
    }

    @Test
    void commandsAfterAuthenticationAreNotLimitedThatWay() {
        TranscriptConnection sub = new TranscriptConnection();
        SmtpConversation s = new SmtpConversation("s4", SmtpSettings.submission("mail.example.test").withMaxCommandsBeforeAuth(2),
                policy, sub, null, null);
        s.connected();
        TranscriptConnection.send(s, "EHLO c\r\n");
        s.authenticated("alice@example.test");
        for (int i = 0; i < 10; i++) {
            TranscriptConnection.send(s, "NOOP\r\n");
        }
        assertThat(sub.last().code()).isEqualTo(250);
        assertThat(sub.closed).isFalse();
    }

    @Test
    void theErrorLimitIsASetting() {
        TranscriptConnection strict = new TranscriptConnection();
        SmtpConversation s = new SmtpConversation("s5", SmtpSettings.transfer("mx.example.test").withMaxErrors(3),
                policy, strict, null, null);
        s.connected();
        TranscriptConnection.send(s, "FOO\r\nBAR\r\n");
        assertThat(strict.closed).isFalse();
        TranscriptConnection.send(s, "BAZ\r\n");
        assertThat(strict.last().toString()).isEqualTo("421 4.7.0 mx.example.test Error: too many errors");
        assertThat(strict.closed).isTrue();
    }
}
