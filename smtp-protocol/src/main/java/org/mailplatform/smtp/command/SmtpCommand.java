package org.mailplatform.smtp.command;

import org.mailplatform.smtp.SmtpCommandLine;
import org.mailplatform.smtp.SmtpConversation;

/** One SMTP verb: it checks its own preconditions and arguments and replies. */
public interface SmtpCommand {

    String verb();

    void execute(SmtpConversation conversation, SmtpCommandLine line);
}
