package org.mailplatform.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files holding secrets (passwords, the admin token, the TLS key): readable by their owner only. */
final class PrivateFiles {

    private PrivateFiles() {
    }

    /** Replaces the file; it is owner-only before any byte of the secret is written. */
    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system; the data directory is the user's own anyway.
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
