package org.mailplatform.smtp.command;

import java.util.ArrayList;
import java.util.List;

import org.mailplatform.smtp.SmtpCommandLine;
import org.mailplatform.smtp.SmtpConversation;
import org.mailplatform.smtp.SmtpReply;

/** EHLO: RFC 5321 4.1.1.1; the reply lists the service extensions this session may use. */
final class EhloCommand implements SmtpCommand {

    @Override
    public String verb() {
        return "EHLO";
    }

    @Override
    public void execute(SmtpConversation c, SmtpCommandLine line) {
        String name = line.argument().trim();
        // RFC 5321 4.1.1.1: a domain or address literal, so no space or control character (the
        // name is carried into the record envelope and the Received field).
        if (name.isEmpty() || name.chars().anyMatch(ch -> ch <= ' ' || ch == 0x7f)) {
            c.error(SmtpReply.of(501, "5.5.4", "Syntax: EHLO hostname"));
            return;
        }
        c.greeted(name, true);
        List<String> lines = new ArrayList<>();
        lines.add(c.settings().hostname() + " Hello " + name);
        lines.addAll(Extensions.offered(c));
        c.connection().reply(new SmtpReply(250, null, lines));
    }
}
