package org.mailplatform.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.mailplatform.msgauth.dkim.DkimAlgorithm;
import org.mailplatform.msgauth.dkim.DkimKey;
import org.mailplatform.msgauth.dkim.DkimKeyDirectory;

/**
 * DKIM signing keys for the demo domain, an RSA and an Ed25519 one, made at the first start and
 * kept in {@code <data-dir>/dkim} in the MTA's key directory layout (owner-only files). The banner
 * prints the TXT records a real deployment would publish.
 */
record DemoDkimKeys(Path directory, List<DkimKey> keys) {

    static final String RSA_SELECTOR = "demo-rsa";
    static final String ED25519_SELECTOR = "demo-ed25519";

    static DemoDkimKeys ensure(Path dataDir) {
        Path directory = dataDir.resolve("dkim").toAbsolutePath();
        try {
            Files.createDirectories(directory);
            ensureKey(directory, RSA_SELECTOR, DkimAlgorithm.RSA_SHA256);
            ensureKey(directory, ED25519_SELECTOR, DkimAlgorithm.ED25519_SHA256);
            List<DkimKey> keys = DkimKeyDirectory.read(directory).stream()
                    .sorted(Comparator.comparing(DkimKey::algorithm)).toList();
            return new DemoDkimKeys(directory, keys);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the demo DKIM keys in " + directory, e);
        }
    }

    private static void ensureKey(Path directory, String selector, DkimAlgorithm algorithm) throws IOException {
        Path file = directory.resolve(DkimKeyDirectory.fileName(DemoAccounts.DOMAIN, selector));
        if (!Files.isRegularFile(file)) {
            PrivateFiles.write(file, DkimKey.generate(DemoAccounts.DOMAIN, selector, algorithm, Instant.now()).privateKeyPem());
        }
    }
}
