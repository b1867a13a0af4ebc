package org.mailplatform.smtp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A transfer-style policy for tests: recipients in example.test only, accepted messages kept in memory.
 * Safe to read from the test thread while a session thread writes.
 */
final class RecordingPolicy implements SmtpPolicy {

    final List<byte[]> messages = new CopyOnWriteArrayList<>();
    final List<SmtpTransaction> transactions = new CopyOnWriteArrayList<>();
    volatile SmtpReply acceptReply = SmtpReply.of(250, "2.0.0", "Ok: queued as Q1");
    /** Thrown by the recipient check when set: a policy failing in a way nobody planned for. */
    volatile RuntimeException recipientFailure;
    /** Returned by the connection check when set. */
    volatile SmtpReply connectionRefusal;

    @Override
    public SmtpReply checkConnection(SmtpSessionInfo s) {
        return connectionRefusal;
    }

    @Override
    public SmtpReply checkSender(SmtpSessionInfo s, MailPath from, MailParameters p) {
        return from.domain().equals("blocked.test") ? SmtpReply.of(553, "5.7.1", "Sender refused") : null;
    }

    @Override
    public SmtpReply checkRecipient(SmtpSessionInfo s, SmtpTransaction soFar, MailPath rcpt, RcptParameters p) {
        RuntimeException failure = recipientFailure;
        if (failure != null) {
            throw failure;
        }
        return rcpt.domain().equals("example.test") ? null : SmtpReply.of(554, "5.7.1", "Relay access denied");
    }

    @Override
    public SmtpReply accept(SmtpSessionInfo s, SmtpTransaction tx, byte[] message) {
        transactions.add(tx);
        messages.add(message);
        return acceptReply;
    }
}
