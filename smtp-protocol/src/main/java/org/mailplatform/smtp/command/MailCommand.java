package org.mailplatform.smtp.command;

import org.mailplatform.smtp.MailParameters;
import org.mailplatform.smtp.MailPathParser;
import org.mailplatform.smtp.SmtpCommandLine;
import org.mailplatform.smtp.SmtpConversation;
import org.mailplatform.smtp.SmtpReply;
import org.mailplatform.smtp.SmtpSyntaxException;

/**
 * MAIL FROM: RFC 5321 4.1.1.2, with SIZE (RFC 1870), BODY (RFC 6152, 3030), SMTPUTF8 (RFC 6531), DSN (RFC 3461),
 * REQUIRETLS (RFC 8689).
 */
final class MailCommand implements SmtpCommand {

    @Override
    public String verb() {
        return "MAIL";
    }

    @Override
    public void execute(SmtpConversation c, SmtpCommandLine line) {
        if (c.heloName() == null) {
            // RFC 5321 4.1.4: a transaction starts only after EHLO or HELO.
            c.error(SmtpReply.of(503, "5.5.1", "Send EHLO/HELO first"));
            return;
        }
        if (c.inTransaction()) {
            c.error(SmtpReply.of(503, "5.5.1", "Nested MAIL command"));
            return;
        }
        if (c.settings().requireAuth() && c.authenticatedUser() == null) {
            // RFC 6409 4.3 and RFC 4954 6.
            c.metrics().rejected("auth_required");
            c.error(SmtpReply.of(530, "5.7.0", "Authentication required"));
            return;
        }
        String arg = line.afterKeyword("FROM:");
        if (arg == null) {
            c.error(SmtpReply.of(501, "5.5.4", "Syntax: MAIL FROM:<address>"));
            return;
        }
        MailPathParser.PathArgument parsed;
        MailParameters params;
        try {
            parsed = MailPathParser.parseReversePath(arg);
            if (!c.esmtp() && !parsed.parameters().isEmpty()) {
                throw new SmtpSyntaxException(SmtpReply.of(555, "5.5.4", "Parameters need EHLO"));
            }
            params = MailParameters.parse(parsed.parameters(), true, true);
        } catch (SmtpSyntaxException e) {
            c.error(e.reply());
            return;
        }
        if (params.requireTls() && !c.connection().tlsActive()) {
            // RFC 8689 2: REQUIRETLS is offered, and valid, only on a session that uses TLS.
            c.metrics().rejected("requiretls");
            c.error(SmtpReply.of(530, "5.7.10", "REQUIRETLS needs a TLS session: STARTTLS first"));
            return;
        }
        if (params.size().isPresent() && params.size().getAsLong() > c.settings().maxMessageSize()) {
            // RFC 1870 6.1.
            c.metrics().rejected("size");
            c.error(SmtpReply.of(552, "5.3.4", "Message size exceeds fixed maximum message size"));
            return;
        }
        if (parsed.path().needsSmtpUtf8() && !params.smtpUtf8()) {
            // RFC 6531 3.4: non-ASCII addresses only in an SMTPUTF8 transaction.
            c.error(SmtpReply.of(553, "5.6.7", "Non-ASCII address needs SMTPUTF8"));
            return;
        }
        SmtpReply refusal = c.policy().checkSender(c.info(), parsed.path(), params);
        if (refusal != null) {
            c.metrics().rejected("sender");
            c.error(refusal);
            return;
        }
        c.beginTransaction(parsed.path(), params);
        c.connection().reply(SmtpReply.of(250, "2.1.0", "Sender " + parsed.path().bracketed() + " OK"));
    }
}
