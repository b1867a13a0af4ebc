package org.mailplatform.imap.command;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every command the gateway knows, by name. */
public final class CommandTable {

    private final Map<String, ImapCommand> commands = new HashMap<>();

    public CommandTable(Collection<ImapCommand> all) {
        for (ImapCommand command : all) {
            for (String name : command.names()) {
                if (commands.putIfAbsent(name, command) != null) {
                    throw new IllegalStateException("Two commands named " + name);
                }
            }
        }
    }

    /** The full set this gateway implements. */
    public static CommandTable standard() {
        return new CommandTable(List.of(
                new CapabilityCommand(), new NoopCommand(), new LogoutCommand(), new IdCommand(),
                new StartTlsCommand(), new LoginCommand(), new AuthenticateCommand(),
                new EnableCommand(), new NamespaceCommand(), new SelectCommand(), new ExamineCommand(),
                new CreateCommand(), new DeleteCommand(), new RenameCommand(), new SubscribeCommand(),
                new UnsubscribeCommand(), new ListCommand(), new LsubCommand(), new StatusCommand(),
                new AppendCommand(), new IdleCommand(),
                new CheckCommand(), new CloseCommand(), new UnselectCommand(), new ExpungeCommand(),
                new FetchCommand(), new StoreCommand(), new CopyCommand(), new MoveCommand(), new SearchCommand(),
                new GetQuotaCommand(), new GetQuotaRootCommand(), new SetQuotaCommand(),
                new SortCommand(), new ThreadCommand(), new CompressCommand()));
    }

    public ImapCommand get(String name) {
        return commands.get(name);
    }

    public Set<String> names() {
        return Set.copyOf(commands.keySet());
    }
}
