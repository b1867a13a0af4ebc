package org.mailplatform.smtp.command;

import org.mailplatform.smtp.SmtpCommandLine;
import org.mailplatform.smtp.SmtpConversation;
import org.mailplatform.smtp.SmtpReply;

/** HELP: RFC 5321 4.1.1.8. */
final class HelpCommand implements SmtpCommand {

    @Override
    public String verb() {
        return "HELP";
    }

    @Override
    public void execute(SmtpConversation c, SmtpCommandLine line) {
        c.connection().reply(SmtpReply.of(214, "2.0.0",
                "Commands: EHLO HELO STARTTLS AUTH MAIL RCPT DATA BDAT RSET NOOP QUIT HELP VRFY EXPN"));
    }
}
