package org.mailplatform.smtp.command;

import org.mailplatform.smtp.SmtpCommandLine;
import org.mailplatform.smtp.SmtpConversation;
import org.mailplatform.smtp.SmtpReply;

/** QUIT: RFC 5321 4.1.1.10; an unfinished transaction is abandoned. */
final class QuitCommand implements SmtpCommand {

    @Override
    public String verb() {
        return "QUIT";
    }

    @Override
    public void execute(SmtpConversation c, SmtpCommandLine line) {
        c.resetTransaction();
        c.close(SmtpReply.of(221, "2.0.0", "Bye"));
    }
}
