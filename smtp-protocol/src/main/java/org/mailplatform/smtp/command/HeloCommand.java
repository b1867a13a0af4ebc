package org.mailplatform.smtp.command;

import org.mailplatform.smtp.SmtpCommandLine;
import org.mailplatform.smtp.SmtpConversation;
import org.mailplatform.smtp.SmtpReply;

/** HELO: RFC 5321 4.1.1.1; plain SMTP, no extensions. */
final class HeloCommand implements SmtpCommand {

    @Override
    public String verb() {
        return "HELO";
    }

    @Override
    public void execute(SmtpConversation c, SmtpCommandLine line) {
        String name = line.argument().trim();
        // RFC 5321 4.1.1.1: a domain or address literal, so no space or control character (the
        // name is carried into the record envelope and the Received field).
        if (name.isEmpty() || name.chars().anyMatch(ch -> ch <= ' ' || ch == 0x7f)) {
            c.error(SmtpReply.of(501, "5.5.4", "Syntax: HELO hostname"));
            return;
        }
        c.greeted(name, false);
        c.connection().reply(SmtpReply.plain(250, c.settings().hostname()));
    }
}
