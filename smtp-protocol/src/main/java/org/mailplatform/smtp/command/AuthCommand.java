package org.mailplatform.smtp.command;

import java.util.Locale;

import org.mailplatform.smtp.SmtpCommandLine;
import org.mailplatform.smtp.SmtpConversation;
import org.mailplatform.smtp.SmtpReply;

/** AUTH: RFC 4954 4 (preconditions) and 6 (status codes). */
final class AuthCommand implements SmtpCommand {

    @Override
    public String verb() {
        return "AUTH";
    }

    @Override
    public void execute(SmtpConversation c, SmtpCommandLine line) {
        if (!c.settings().offerAuth() || c.authentication() == null) {
            c.error(SmtpReply.of(502, "5.5.1", "AUTH not available on this service"));
            return;
        }
        if (c.heloName() == null) {
            c.error(SmtpReply.of(503, "5.5.1", "Send EHLO first"));
            return;
        }
        if (!Extensions.authOffered(c)) {
            // RFC 4954 6: no plaintext password before TLS.
            c.error(SmtpReply.of(538, "5.7.11", "Encryption required for requested authentication mechanism"));
            return;
        }
        if (c.authenticatedUser() != null) {
            // RFC 4954 4: a second AUTH after success gets 503.
            c.error(SmtpReply.of(503, "5.5.1", "Already authenticated"));
            return;
        }
        if (c.inTransaction()) {
            c.error(SmtpReply.of(503, "5.5.1", "AUTH not permitted during a mail transaction"));
            return;
        }
        String[] parts = line.argument().trim().split(" ");
        if (parts.length == 0 || parts[0].isEmpty() || parts.length > 2) {
            c.error(SmtpReply.of(501, "5.5.4", "Syntax: AUTH mechanism [initial-response]"));
            return;
        }
        String mechanism = parts[0].toUpperCase(Locale.ROOT);
        if (!c.authentication().mechanisms(c).contains(mechanism)) {
            c.error(SmtpReply.of(504, "5.5.4", "Unrecognized authentication type"));
            return;
        }
        c.authentication().start(c, mechanism, parts.length == 2 ? parts[1] : null);
    }
}
