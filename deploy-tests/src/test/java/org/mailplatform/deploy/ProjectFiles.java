package org.mailplatform.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project's deployment files, found from the module's working directory upwards. */
final class ProjectFiles {

    private static final Path ROOT = locateRoot();

    private ProjectFiles() {
    }

    static Path root() {
        return ROOT;
    }

    static Path chart() {
        return ROOT.resolve("helm/mail-platform");
    }

    static Path resolve(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        return read(resolve(relative));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path locateRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("helm/mail-platform/Chart.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no helm/mail-platform/Chart.yaml above " + Path.of("").toAbsolutePath());
    }
}
