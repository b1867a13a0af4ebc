package org.mailplatform.tls;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server certificate of one service and the TLS context built from it.
 *
 * <p>With a certificate directory, {@code tls.crt}/{@code tls.key} are read at start (a bad pair fails
 * the start) and then re-read every {@link TlsSettings#reloadInterval()}; a changed, valid pair replaces
 * the context for new handshakes while established connections keep theirs. A changed pair that does not
 * load (unreadable, key not matching, half-written) is logged and the previous certificate stays in use.
 *
 * <p>Without a directory a self-signed certificate is generated, with a warning: fine for a local stack,
 * never for a server others connect to.
 *
 * <p>Metrics, when a registry is given: {@code mail.tls.certificate.expiry} (gauge, epoch seconds of the
 * served certificate's notAfter) and {@code mail.tls.reloads} (counter, tag {@code result}); both tagged
 * {@code source=files|self-signed}.
 */
public final class ServerTls implements SslContextSource, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    private record Loaded(TlsCredentials credentials, SslContext context, String digest) {
    }

    private final CertificateFiles files;
    private final TlsSettings.Engine engine;
    private final MeterRegistry registry;
    private final List<Meter> meters;
    private final Counter reloadSuccesses;
    private final Counter reloadFailures;
    private final ScheduledExecutorService poller;
    private volatile Loaded loaded;
    private String rejectedDigest;
    private String lastReadError;

    private ServerTls(CertificateFiles files, Loaded initial, TlsSettings settings, MeterRegistry registry) {
        this.files = files;
        this.engine = settings.engine();
        this.loaded = initial;
        this.registry = registry;
        Tags tags = Tags.of("source", files == null ? "self-signed" : "files");
        if (registry != null) {
            Gauge expiry = Gauge.builder("mail.tls.certificate.expiry", this, ServerTls::expiryEpochSeconds)
                    .description("notAfter of the served server certificate")
                    .baseUnit("seconds")
                    .tags(tags)
                    .strongReference(true)
                    .register(registry);
            reloadSuccesses = Counter.builder("mail.tls.reloads").tags(tags).tag("result", "success").register(registry);
            reloadFailures = Counter.builder("mail.tls.reloads").tags(tags).tag("result", "failure").register(registry);
            meters = List.of(expiry, reloadSuccesses, reloadFailures);
        } else {
            reloadSuccesses = null;
            reloadFailures = null;
            meters = List.of();
        }
        if (files != null) {
            poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("tls-reload").factory());
            long interval = settings.reloadInterval().toMillis();
            poller.scheduleWithFixedDelay(this::reloadIfChanged, interval, interval, TimeUnit.MILLISECONDS);
        } else {
            poller = null;
        }
    }

    /**
     * Loads (or generates) the certificate and, for a directory, starts watching it.
     *
     * @param registry where to publish the expiry gauge; null for none
     * @throws InvalidCredentialsException when the configured files do not hold a usable pair
     */
    public static ServerTls start(TlsSettings settings, MeterRegistry registry) {
        Objects.requireNonNull(settings, "settings");
        if (settings.certificateDirectory().isEmpty()) {
            TlsCredentials credentials = SelfSignedCredentials.generate(settings.hostname());
            log.warn("No TLS certificate directory configured: serving a self-signed certificate for {} ({}). "
                    + "Clients will not trust it; configure tls.crt/tls.key for anything but local development.",
                    settings.hostname(), credentials.describe());
            return new ServerTls(null, new Loaded(credentials, ServerSslContexts.create(credentials,
                    ServerSslContexts.provider(settings.engine())), ""), settings, registry);
        }
        CertificateFiles files = new CertificateFiles(settings.certificateDirectory().get());
        CertificateFiles.Snapshot snapshot;
        try {
            snapshot = files.read();
        } catch (IOException e) {
            throw new InvalidCredentialsException("cannot read the TLS certificate in " + files.directory() + ": " + e, e);
        }
        Loaded initial = load(snapshot, settings.engine());
        log.info("TLS certificate loaded from {}: {}", files.directory(), initial.credentials().describe());
        return new ServerTls(files, initial, settings, registry);
    }

    @Override
    public SslContext sslContext() {
        return loaded.context();
    }

    /** The certificate and key currently handed to new handshakes. */
    public TlsCredentials credentials() {
        return loaded.credentials();
    }

    public boolean isSelfSigned() {
        return files == null;
    }

    /**
     * Re-reads the files and swaps in the new pair when they changed and load.
     *
     * @return true when a new certificate was put in service
     */
    synchronized boolean reloadIfChanged() {
        if (files == null) {
            return false;
        }
        CertificateFiles.Snapshot snapshot;
        try {
            snapshot = files.read();
            lastReadError = null;
        } catch (IOException | RuntimeException e) {
            String error = String.valueOf(e);
            if (!error.equals(lastReadError)) {
                log.warn("Cannot read the TLS certificate in {} ({}); still serving {}", files.directory(), error, loaded.credentials().describe());
                lastReadError = error;
            }
            return false;
        }
        if (snapshot.digest().equals(loaded.digest()) || snapshot.digest().equals(rejectedDigest)) {
            return false;
        }
        try {
            Loaded next = load(snapshot, engine);
            loaded = next;
            rejectedDigest = null;
            count(reloadSuccesses);
            log.info("TLS certificate reloaded from {}: {}", files.directory(), next.credentials().describe());
            return true;
        } catch (RuntimeException e) {
            // Remembered so a bad pair is reported once, not at every poll; a further change is tried again.
            rejectedDigest = snapshot.digest();
            count(reloadFailures);
            log.error("New TLS certificate in {} rejected ({}); still serving {}", files.directory(), e.getMessage(), loaded.credentials().describe());
            return false;
        }
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
        if (registry != null) {
            meters.forEach(registry::remove);
        }
    }

    private static Loaded load(CertificateFiles.Snapshot snapshot, TlsSettings.Engine engine) {
        TlsCredentials credentials = PemCredentialsReader.read(snapshot.certificatePem(), snapshot.keyPem());
        if (credentials.notAfter().isBefore(java.time.Instant.now())) {
            log.warn("The TLS certificate has expired: {}", credentials.describe());
        }
        return new Loaded(credentials, ServerSslContexts.create(credentials, ServerSslContexts.provider(engine)),
                snapshot.digest());
    }

    private double expiryEpochSeconds() {
        return loaded.credentials().notAfter().getEpochSecond();
    }

    private static void count(Counter counter) {
        if (counter != null) {
            counter.increment();
        }
    }
}
