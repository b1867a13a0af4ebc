package org.mailplatform.smtp.command;

import org.mailplatform.smtp.SmtpCommandLine;
import org.mailplatform.smtp.SmtpConversation;
import org.mailplatform.smtp.SmtpReply;

/** VRFY: RFC 5321 3.5.3 — 252 confirms nothing, so accounts can't be harvested. */
final class VrfyCommand implements SmtpCommand {

    @Override
    public String verb() {
        return "VRFY";
    }

    @Override
    public void execute(SmtpConversation c, SmtpCommandLine line) {
        if (line.argument().isBlank()) {
            c.error(SmtpReply.of(501, "5.5.4", "Syntax: VRFY address"));
            return;
        }
        c.connection().reply(SmtpReply.of(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery"));
    }
}
