package org.mailplatform.smtp;

import java.time.Instant;
import java.util.List;

/**
 * One mail transaction as the client gave it (RFC 5321 3.3): the reverse-path with its
 * parameters and the accepted forward-paths with theirs.
 *
 * @param startedAt when MAIL was accepted, where the transaction's trace span begins; null when unknown
 */
public record SmtpTransaction(MailPath from, MailParameters parameters, List<Recipient> recipients, Instant startedAt) {

    public record Recipient(MailPath path, RcptParameters parameters) {
    }

    public SmtpTransaction {
        recipients = List.copyOf(recipients);
    }

    public SmtpTransaction(MailPath from, MailParameters parameters, List<Recipient> recipients) {
        this(from, parameters, recipients, null);
    }
}
