package org.mailplatform.smtp.command;

import org.mailplatform.smtp.SmtpCommandLine;
import org.mailplatform.smtp.SmtpConversation;
import org.mailplatform.smtp.SmtpReply;

/** STARTTLS: RFC 3207 4. */
final class StartTlsCommand implements SmtpCommand {

    @Override
    public String verb() {
        return "STARTTLS";
    }

    @Override
    public void execute(SmtpConversation c, SmtpCommandLine line) {
        if (!line.argument().isEmpty()) {
            c.error(SmtpReply.of(501, "5.5.4", "Syntax: STARTTLS takes no parameters"));
            return;
        }
        if (!c.connection().startTlsAvailable()) {
            c.error(c.connection().tlsActive()
                    ? SmtpReply.of(503, "5.5.1", "TLS already active")
                    : SmtpReply.of(502, "5.5.1", "STARTTLS not available"));
            return;
        }
        if (c.inTransaction()) {
            c.error(SmtpReply.of(503, "5.5.1", "STARTTLS not allowed inside a mail transaction"));
            return;
        }
        // RFC 3207 4.2: the client must start over with EHLO; nothing said before TLS counts.
        c.forgetAfterStartTls();
        c.connection().startTls(SmtpReply.of(220, "2.0.0", "Ready to start TLS"));
    }
}
