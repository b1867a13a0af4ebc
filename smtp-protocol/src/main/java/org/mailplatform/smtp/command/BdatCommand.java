package org.mailplatform.smtp.command;

import org.mailplatform.smtp.SmtpCommandLine;
import org.mailplatform.smtp.SmtpConversation;
import org.mailplatform.smtp.SmtpReply;

/** BDAT: RFC 3030 2 and 4; the chunk is always read, even when it will be refused. */
final class BdatCommand implements SmtpCommand {

    @Override
    public String verb() {
        return "BDAT";
    }

    @Override
    public void execute(SmtpConversation c, SmtpCommandLine line) {
        String[] parts = line.argument().trim().split(" +");
        if (parts.length < 1 || parts.length > 2 || !parts[0].matches("\\d{1,18}")
                || parts.length == 2 && !parts[1].equalsIgnoreCase("LAST")) {
            c.error(SmtpReply.of(501, "5.5.4", "Syntax: BDAT chunk-size [LAST]"));
            return;
        }
        long size = Long.parseLong(parts[0]);
        boolean last = parts.length == 2;
        c.beginChunk(size, last, transactionRefusal(c));
    }

    /** RFC 5321 4.1.1.4: no MAIL or no RCPT gets 503, all recipients refused gets 554. */
    static SmtpReply transactionRefusal(SmtpConversation c) {
        if (!c.inTransaction()) {
            return SmtpReply.of(503, "5.5.1", "Need MAIL command");
        }
        if (c.recipients().isEmpty()) {
            return c.anyRecipientRefused()
                    ? SmtpReply.of(554, "5.5.1", "No valid recipients")
                    : SmtpReply.of(503, "5.5.1", "Need RCPT command");
        }
        return null;
    }
}
