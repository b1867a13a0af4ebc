package org.mailplatform.imap.managesieve.command;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every command this server knows (RFC 5804 2), in one table. */
public final class SieveCommands {

    private static final Map<String, SieveCommand> TABLE = List.of(
                    new CapabilityCommand(), new StartTlsCommand(), new AuthenticateCommand(), new LogoutCommand(),
                    new NoopCommand(), new UnauthenticateCommand(), new HaveSpaceCommand(), new PutScriptCommand(),
                    new ListScriptsCommand(), new SetActiveCommand(), new GetScriptCommand(), new DeleteScriptCommand(),
                    new RenameScriptCommand(), new CheckScriptCommand())
            .stream().collect(Collectors.toUnmodifiableMap(SieveCommand::name, Function.identity()));

    private SieveCommands() {
    }

    public static Optional<SieveCommand> find(String name) {
        return Optional.ofNullable(TABLE.get(name));
    }
}
