package org.mailplatform.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import org.mailplatform.tls.SelfSignedCredentials;
import org.mailplatform.tls.TlsCredentials;

/**
 * One self-signed certificate for every mail listener of the stack, kept in {@code <data-dir>/tls}
 * in the layout of a Kubernetes TLS secret ({@code tls.crt}, {@code tls.key}). Being the same
 * across restarts, a mail client's exception for it keeps working.
 */
record DevCertificate(Path directory, String sha256Fingerprint) {

    static final String HOSTNAME = "localhost";
    /** A certificate this close to expiry is replaced rather than left to fail mid-session. */
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    static DevCertificate ensure(Path dataDir) {
        Path directory = dataDir.resolve("tls").toAbsolutePath();
        Path crt = directory.resolve("tls.crt");
        Path key = directory.resolve("tls.key");
        try {
            X509Certificate current = Files.isRegularFile(crt) && Files.isRegularFile(key) ? read(crt) : null;
            if (current == null || current.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))) {
                TlsCredentials generated = SelfSignedCredentials.generate(HOSTNAME);
                Files.createDirectories(directory);
                PrivateFiles.write(key, pem("PRIVATE KEY", generated.privateKey().getEncoded()));
                Files.writeString(crt, pem("CERTIFICATE", generated.leaf().getEncoded()), StandardCharsets.US_ASCII);
                current = generated.leaf();
            }
            return new DevCertificate(directory, fingerprint(current));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the development certificate in " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the development certificate " + crt, e);
        }
    }

    private static X509Certificate read(Path crt) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(crt)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** RFC 7468 textual encoding. */
    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }
}
