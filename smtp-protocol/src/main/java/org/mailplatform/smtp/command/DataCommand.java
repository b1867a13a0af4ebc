package org.mailplatform.smtp.command;

import org.mailplatform.smtp.SmtpCommandLine;
import org.mailplatform.smtp.SmtpConversation;
import org.mailplatform.smtp.SmtpReply;

/** DATA: RFC 5321 4.1.1.4. */
final class DataCommand implements SmtpCommand {

    @Override
    public String verb() {
        return "DATA";
    }

    @Override
    public void execute(SmtpConversation c, SmtpCommandLine line) {
        if (!line.argument().isEmpty()) {
            c.error(SmtpReply.of(501, "5.5.4", "Syntax: DATA takes no parameters"));
            return;
        }
        SmtpReply refusal = BdatCommand.transactionRefusal(c);
        if (refusal != null) {
            c.error(refusal);
            return;
        }
        if (c.chunkingInProgress()) {
            // RFC 3030 3: DATA may not follow BDAT in one transaction.
            c.error(SmtpReply.of(503, "5.5.1", "DATA not allowed after BDAT"));
            return;
        }
        c.beginData();
    }
}
