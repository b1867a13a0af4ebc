package org.mailplatform.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The podman command line (Debian's podman with runc, as root), run with a timeout. */
final class Podman {

    private final ExternalTool.Result info;

    private Podman(ExternalTool.Result info) {
        this.info = info;
    }

    /** Podman, if it is installed; {@link #works()} says whether it can run containers here. */
    static Optional<Podman> find() {
        return ExternalTool.find("podman").map(tool -> new Podman(run(Duration.ofMinutes(1), "info", "--format", "{{.Host.OCIRuntime.Name}}")));
    }

    boolean works() {
        return info.succeeded();
    }

    String problem() {
        return "podman info failed: " + info.output();
    }

    ExternalTool.Result exec(Duration timeout, String... arguments) {
        return run(timeout, arguments);
    }

    /** Runs and fails the test with podman's output when the command does. */
    String require(Duration timeout, String... arguments) {
        ExternalTool.Result result = run(timeout, arguments);
        if (!result.succeeded()) {
            throw new AssertionError("podman " + String.join(" ", arguments) + " exited " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    private static ExternalTool.Result run(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("podman");
        command.addAll(List.of(arguments));
        return ExternalTool.runCommand(command, Path.of("").toAbsolutePath(), Map.of(), timeout);
    }
}
