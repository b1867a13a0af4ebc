package org.mailplatform.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AdminTokenTest {

    @TempDir
    Path dataDir;

    @Test
    void isMadeOnceKeptOwnerOnlyAndReused() throws Exception {
        String token = AdminToken.ensure(dataDir);

        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(AdminToken.ensure(dataDir)).isEqualTo(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(AdminToken.FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void aTruncatedTokenIsReplaced() throws Exception {
        Files.writeString(dataDir.resolve(AdminToken.FILE), "short\n");

        assertThat(AdminToken.ensure(dataDir)).hasSize(43);
    }
}
