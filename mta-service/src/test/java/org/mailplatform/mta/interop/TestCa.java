package org.mailplatform.mta.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away certificate authority made with the openssl command (which Postfix's tests use
 * too): PEM files for Postfix, a server context for the JDK's HTTPS server.
 */
final class TestCa {

    /** A key and certificate as PEM files. */
    record Issued(Path certificate, Path key) {
    }

    private final Path dir;
    private final Path caCertificate;
    private final Path caKey;

    private TestCa(Path dir) {
        this.dir = dir;
        this.caCertificate = dir.resolve("ca.crt");
        this.caKey = dir.resolve("ca.key");
    }

    static TestCa create() throws IOException, InterruptedException {
        TestCa ca = new TestCa(Files.createTempDirectory("test-ca"));
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-keyout", ca.caKey.toString(), "-out", ca.caCertificate.toString());
        return ca;
    }

    /** The CA certificate (PEM), what the MTA is told to trust. */
    Path certificateFile() {
        return caCertificate;
    }

    /** A server certificate for {@code names} (subjectAltName DNS entries) signed by this CA. */
    Issued issue(String file, List<String> names) throws IOException, InterruptedException {
        Path key = dir.resolve(file + ".key");
        Path csr = dir.resolve(file + ".csr");
        Path certificate = dir.resolve(file + ".crt");
        Path extensions = dir.resolve(file + ".ext");
        Files.writeString(extensions, "subjectAltName=" + String.join(",", names.stream().map(n -> "DNS:" + n).toList())
                + "\nextendedKeyUsage=serverAuth\n");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + names.getFirst(),
                "-keyout", key.toString(), "-out", csr.toString());
        openssl("x509", "-req", "-in", csr.toString(), "-CA", caCertificate.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-days", "2", "-extfile", extensions.toString(), "-out", certificate.toString());
        return new Issued(certificate, key);
    }

    /** A certificate for {@code names} that signs itself: no CA vouches for it. */
    Issued selfSigned(String file, List<String> names) throws IOException, InterruptedException {
        Path key = dir.resolve(file + ".key");
        Path certificate = dir.resolve(file + ".crt");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + names.getFirst(),
                "-addext", "subjectAltName=" + String.join(",", names.stream().map(n -> "DNS:" + n).toList()),
                "-keyout", key.toString(), "-out", certificate.toString());
        return new Issued(certificate, key);
    }

    /** A server context presenting {@code issued}. */
    SSLContext serverContext(Issued issued) throws IOException, InterruptedException, GeneralSecurityException {
        Path p12 = dir.resolve(issued.certificate().getFileName() + ".p12");
        openssl("pkcs12", "-export", "-in", issued.certificate().toString(), "-inkey", issued.key().toString(),
                "-passout", "pass:changeit", "-out", p12.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("openssl " + args[0] + " failed: " + new String(output));
        }
    }
}
