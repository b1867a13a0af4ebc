package org.mailplatform.smtp.command;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The verbs this server knows, in one table: a reader finds any command here by its name. */
public final class SmtpCommands {

    private static final Map<String, SmtpCommand> TABLE = List.of(
                    new EhloCommand(), new HeloCommand(), new StartTlsCommand(), new AuthCommand(),
                    new MailCommand(), new RcptCommand(), new DataCommand(), new BdatCommand(),
                    new RsetCommand(), new NoopCommand(), new QuitCommand(), new HelpCommand(),
                    new VrfyCommand(), new ExpnCommand())
            .stream().collect(Collectors.toUnmodifiableMap(SmtpCommand::verb, Function.identity()));

    private SmtpCommands() {
    }

    public static Map<String, SmtpCommand> table() {
        return TABLE;
    }
}
