package org.mailplatform.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code tls.crt}/{@code tls.key} pair in one directory, read as a unit.
 * Changes are detected by content, not by file events or timestamps: Kubernetes publishes a new secret
 * by re-pointing the {@code ..data} symbolic link, which changes neither the watched names nor, reliably,
 * their modification times.
 */
final class CertificateFiles {

    /** The two files' bytes and a digest over both. */
    record Snapshot(byte[] certificatePem, byte[] keyPem, String digest) {
    }

    private final Path directory;

    CertificateFiles(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    Snapshot read() throws IOException {
        byte[] certificate = Files.readAllBytes(directory.resolve(PemCredentialsReader.CERTIFICATE_FILE));
        byte[] key = Files.readAllBytes(directory.resolve(PemCredentialsReader.KEY_FILE));
        return new Snapshot(certificate, key, digest(certificate, key));
    }

    private static String digest(byte[] certificate, byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(certificate);
            sha256.update((byte) 0);
            sha256.update(key);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
