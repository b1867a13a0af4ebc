package org.mailplatform.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a service gets its server certificate.
 *
 * @param certificateDirectory a directory holding {@code tls.crt} and {@code tls.key} (the layout of a
 *                             mounted Kubernetes {@code kubernetes.io/tls} secret); empty to generate a
 *                             self-signed certificate at start (local development only)
 * @param hostname             the name the self-signed certificate is issued for
 * @param reloadInterval       how often the files are checked for a new certificate
 * @param engine               which TLS implementation serves the connections
 */
public record TlsSettings(Optional<Path> certificateDirectory, String hostname, Duration reloadInterval, Engine engine) {

    /**
     * The TLS implementation. OpenSSL (BoringSSL via netty-tcnative) is faster; the JDK's can export
     * keying material (RFC 5705, RFC 8446 7.5), which SCRAM-SHA-256-PLUS needs for its tls-exporter
     * channel binding (RFC 9266): with OpenSSL, -PLUS is not offered.
     */
    public enum Engine {
        /** OpenSSL when netty-tcnative loads here, else the JDK. */
        AUTO,
        JDK,
        OPENSSL
    }

    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(5);

    public TlsSettings {
        Objects.requireNonNull(certificateDirectory, "certificateDirectory");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(reloadInterval, "reloadInterval");
        Objects.requireNonNull(engine, "engine");
        if (hostname.isBlank()) {
            throw new IllegalArgumentException("hostname must not be blank");
        }
        if (reloadInterval.isNegative() || reloadInterval.isZero()) {
            throw new IllegalArgumentException("reloadInterval must be positive");
        }
    }

    /** Certificate and key from {@code directory/tls.crt} and {@code directory/tls.key}, checked every few seconds. */
    public static TlsSettings fromDirectory(Path directory, String hostname) {
        return new TlsSettings(Optional.of(directory), hostname, DEFAULT_RELOAD_INTERVAL, Engine.AUTO);
    }

    /** A certificate generated at start for {@code hostname}; for a local stack, never for production. */
    public static TlsSettings selfSigned(String hostname) {
        return new TlsSettings(Optional.empty(), hostname, DEFAULT_RELOAD_INTERVAL, Engine.AUTO);
    }

    /**
     * The usual configuration entry point: a blank or null directory means self-signed.
     */
    public static TlsSettings of(String certificateDirectory, String hostname) {
        return certificateDirectory == null || certificateDirectory.isBlank()
                ? selfSigned(hostname)
                : fromDirectory(Path.of(certificateDirectory), hostname);
    }

    public TlsSettings withReloadInterval(Duration interval) {
        return new TlsSettings(certificateDirectory, hostname, interval, engine);
    }

    public TlsSettings withEngine(Engine chosen) {
        return new TlsSettings(certificateDirectory, hostname, reloadInterval, chosen);
    }
}
