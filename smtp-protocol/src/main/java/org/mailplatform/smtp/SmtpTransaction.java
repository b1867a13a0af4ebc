package org.mailplatform.smtp;

import java.util.List;

/**
 * One mail transaction as the client gave it (RFC 5321 3.3): the reverse-path with its
 * parameters and the accepted forward-paths with theirs.
 */
public record SmtpTransaction(MailPath from, MailParameters parameters, List<Recipient> recipients) {

    public record Recipient(MailPath path, RcptParameters parameters) {
    }

    public SmtpTransaction {
        recipients = List.copyOf(recipients);
    }
}
