package org.mailplatform.smtp.command;

import org.mailplatform.smtp.SmtpCommandLine;
import org.mailplatform.smtp.SmtpConversation;
import org.mailplatform.smtp.SmtpReply;

/** EXPN: RFC 5321 3.5.3 and 7.3 — lists are never expanded to strangers. */
final class ExpnCommand implements SmtpCommand {

    @Override
    public String verb() {
        return "EXPN";
    }

    @Override
    public void execute(SmtpConversation c, SmtpCommandLine line) {
        if (line.argument().isBlank()) {
            c.error(SmtpReply.of(501, "5.5.4", "Syntax: EXPN list"));
            return;
        }
        c.connection().reply(SmtpReply.of(252, "2.5.0", "Cannot EXPN, but will accept message and attempt delivery"));
    }
}
