package org.mailplatform.smtp.command;

import org.mailplatform.smtp.MailPathParser;
import org.mailplatform.smtp.RcptParameters;
import org.mailplatform.smtp.SmtpCommandLine;
import org.mailplatform.smtp.SmtpConversation;
import org.mailplatform.smtp.SmtpReply;
import org.mailplatform.smtp.SmtpSyntaxException;

/** RCPT TO: RFC 5321 4.1.1.3, with NOTIFY and ORCPT (RFC 3461 4). */
final class RcptCommand implements SmtpCommand {

    @Override
    public String verb() {
        return "RCPT";
    }

    @Override
    public void execute(SmtpConversation c, SmtpCommandLine line) {
        if (!c.inTransaction()) {
            c.error(SmtpReply.of(503, "5.5.1", "Need MAIL before RCPT"));
            return;
        }
        String arg = line.afterKeyword("TO:");
        if (arg == null) {
            c.error(SmtpReply.of(501, "5.5.4", "Syntax: RCPT TO:<address>"));
            return;
        }
        MailPathParser.PathArgument parsed;
        RcptParameters params;
        try {
            parsed = MailPathParser.parseForwardPath(arg);
            if (!c.esmtp() && !parsed.parameters().isEmpty()) {
                throw new SmtpSyntaxException(SmtpReply.of(555, "5.5.4", "Parameters need EHLO"));
            }
            params = RcptParameters.parse(parsed.parameters(), true);
        } catch (SmtpSyntaxException e) {
            c.recipientRefused();
            c.error(e.reply());
            return;
        }
        if (parsed.path().needsSmtpUtf8() && !c.mailParameters().smtpUtf8()) {
            c.recipientRefused();
            c.error(SmtpReply.of(553, "5.6.7", "Non-ASCII address needs SMTPUTF8"));
            return;
        }
        if (c.recipients().size() >= c.settings().maxRecipients()) {
            // RFC 5321 4.5.3.1.10: 452 tells the client to send the rest in another transaction.
            c.metrics().rejected("recipients");
            c.connection().reply(SmtpReply.of(452, "4.5.3", "Too many recipients"));
            return;
        }
        SmtpReply refusal = c.policy().checkRecipient(c.info(), c.transaction(), parsed.path(), params);
        if (refusal != null) {
            c.recipientRefused();
            c.metrics().rejected("recipient");
            c.error(refusal);
            return;
        }
        c.addRecipient(parsed.path(), params);
        c.connection().reply(SmtpReply.of(250, "2.1.5", "Recipient " + parsed.path().bracketed() + " OK"));
    }
}
