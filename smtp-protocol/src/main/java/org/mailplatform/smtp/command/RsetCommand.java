package org.mailplatform.smtp.command;

import org.mailplatform.smtp.SmtpCommandLine;
import org.mailplatform.smtp.SmtpConversation;
import org.mailplatform.smtp.SmtpReply;

/** RSET: RFC 5321 4.1.1.5. */
final class RsetCommand implements SmtpCommand {

    @Override
    public String verb() {
        return "RSET";
    }

    @Override
    public void execute(SmtpConversation c, SmtpCommandLine line) {
        if (!line.argument().isEmpty()) {
            c.error(SmtpReply.of(501, "5.5.4", "Syntax: RSET takes no parameters"));
            return;
        }
        c.resetTransaction();
        c.connection().reply(SmtpReply.of(250, "2.0.0", "OK"));
    }
}
