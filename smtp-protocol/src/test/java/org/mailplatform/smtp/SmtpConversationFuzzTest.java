package org.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.mailplatform.kernel.Line;
import org.mailplatform.kernel.framing.InputFramer;
import org.mailplatform.records.TlsInfo;

/**
 * Whole sessions from arbitrary client bytes, framed as the kernel frames them: every line gets a
 * well-formed reply or is read as data, nothing throws, and nothing is read after the session closed.
 */
class SmtpConversationFuzzTest {

    /** The connection the kernel adapter would be, with its framer driven by the session's requests. */
    private static final class FramedConnection implements SmtpConnection, InputFramer.Sink {
        final List<SmtpReply> replies = new ArrayList<>();
        final InputFramer framer = new InputFramer(this, 512);
        SmtpConversation conversation;
        boolean closed;
        boolean tls;

        @Override
        public InetSocketAddress clientAddress() {
            return new InetSocketAddress("127.0.0.9", 40000);
        }

        @Override
        public boolean tlsActive() {
            return tls;
        }

        @Override
        public TlsInfo tlsInfo() {
            return tls ? new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256") : null;
        }

        @Override
        public boolean startTlsAvailable() {
            return !tls;
        }

        @Override
        public void reply(SmtpReply reply) {
            assertThat(closed).as("reply after close: %s", reply).isFalse();
            replies.add(reply);
        }

        @Override
        public void startTls(SmtpReply goAhead) {
            reply(goAhead);
            tls = true;
            framer.discardRemaining();
        }

        @Override
        public void readRaw(long octets) {
            framer.readRaw(octets);
        }

        @Override
        public boolean inputPending() {
            return framer.hasUnreadInput();
        }

        @Override
        public void maxLineLength(int octets) {
            framer.setMaxLineLength(octets);
        }

        @Override
        public void replyAndClose(SmtpReply reply) {
            reply(reply);
            closed = true;
            framer.discardRemaining();
        }

        @Override
        public void line(Line line) {
            conversation.line(line.bytes(), line.bareLf(), line.bareCr(), line.tooLong());
        }

        @Override
        public void raw(byte[] chunk, boolean last) {
            conversation.rawBytes(chunk, last);
        }

        @Override
        public void lineOverflow() {
            throw new AssertionError("a framer with no overlong-line allowance never reports an endless line");
        }
    }

    /** Accepts as the hand-off does: the transaction must make a valid record envelope. */
    private static final class HandOffPolicy implements SmtpPolicy {
        final RecordingPolicy recording = new RecordingPolicy();
        final List<byte[]> messages = recording.messages;

        @Override
        public SmtpReply checkSender(SmtpSessionInfo s, MailPath from, MailParameters p) {
            return recording.checkSender(s, from, p);
        }

        @Override
        public SmtpReply checkRecipient(SmtpSessionInfo s, SmtpTransaction soFar, MailPath rcpt, RcptParameters p) {
            return recording.checkRecipient(s, soFar, rcpt, p);
        }

        @Override
        public SmtpReply accept(SmtpSessionInfo s, SmtpTransaction tx, byte[] message) {
            try {
                EnvelopeMapper.toEnvelope("Q1", s, tx, Instant.EPOCH);
            } catch (IllegalArgumentException e) {
                throw new AssertionError("accepted transaction makes no valid envelope", e);
            }
            return recording.accept(s, tx, message);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void anyClientInputGetsWellFormedReplies(byte[] input) {
        FramedConnection connection = new FramedConnection();
        HandOffPolicy policy = new HandOffPolicy();
        connection.conversation = new SmtpConversation("fuzz", SmtpSettings.transfer("mx.example.test")
                .withMaxMessageSize(2000).withMaxRecipients(3), policy, connection, null, null);
        connection.conversation.connected();
        connection.framer.feed(input);

        for (SmtpReply reply : connection.replies) {
            assertThat(reply.code()).isBetween(200, 599);
            assertThat(reply.lines()).allSatisfy(text -> assertThat(text).doesNotContain("\r", "\n"));
        }
        for (byte[] message : policy.messages) {
            assertThat(message.length).isLessThanOrEqualTo(2000);
        }
    }
}
