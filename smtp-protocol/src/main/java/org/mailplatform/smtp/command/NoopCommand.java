package org.mailplatform.smtp.command;

import org.mailplatform.smtp.SmtpCommandLine;
import org.mailplatform.smtp.SmtpConversation;
import org.mailplatform.smtp.SmtpReply;

/** NOOP: RFC 5321 4.1.1.9; any argument is ignored. */
final class NoopCommand implements SmtpCommand {

    @Override
    public String verb() {
        return "NOOP";
    }

    @Override
    public void execute(SmtpConversation c, SmtpCommandLine line) {
        c.connection().reply(SmtpReply.of(250, "2.0.0", "OK"));
    }
}
