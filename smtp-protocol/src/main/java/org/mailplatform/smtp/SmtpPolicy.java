package org.mailplatform.smtp;

/**
 * What differs between submission (MSA) and transfer (MTA): who may send, to whom, and where an
 * accepted message goes. Each method returns null to accept, or the reply that refuses.
 * Methods may block (database, Kafka): the conversation runs off the network threads.
 */
public interface SmtpPolicy {

    /**
     * When the client connects, before the greeting: a refusal replaces the 220 (RFC 5321 3.1) and
     * the session then only accepts QUIT.
     */
    default SmtpReply checkConnection(SmtpSessionInfo session) {
        return null;
    }

    /** At MAIL FROM, after syntax and SIZE checks. */
    SmtpReply checkSender(SmtpSessionInfo session, MailPath from, MailParameters parameters);

    /** At RCPT TO, after syntax and the recipient limit. */
    SmtpReply checkRecipient(SmtpSessionInfo session, SmtpTransaction soFar, MailPath recipient,
                             RcptParameters parameters);

    /**
     * Takes the complete message. The positive reply is a promise (RFC 5321 4.1.1.4, 6.1): return
     * it only once the message is durably handed on; otherwise a 4xx.
     */
    SmtpReply accept(SmtpSessionInfo session, SmtpTransaction transaction, byte[] message);
}
