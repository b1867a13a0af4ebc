package org.mailplatform.pop3.command;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every keyword this server knows, in one table. APOP is deliberately absent (not offered). */
public final class Pop3Commands {

    private static final Map<String, Pop3Command> TABLE = List.of(
                    new CapaCommand(), new StlsCommand(), new UserCommand(), new PassCommand(), new AuthCommand(),
                    new StatCommand(), new ListCommand(), new UidlCommand(), new RetrCommand(), new TopCommand(),
                    new DeleCommand(), new RsetCommand(), new NoopCommand(), new QuitCommand())
            .stream().collect(Collectors.toUnmodifiableMap(Pop3Command::keyword, Function.identity()));

    private Pop3Commands() {
    }

    public static Optional<Pop3Command> find(String keyword) {
        return Optional.ofNullable(TABLE.get(keyword));
    }

    public static Map<String, Pop3Command> table() {
        return TABLE;
    }
}
