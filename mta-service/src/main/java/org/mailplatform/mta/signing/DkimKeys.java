package org.mailplatform.mta.signing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.mailplatform.msgauth.dkim.DkimKey;
import org.mailplatform.msgauth.dkim.DkimKeyDirectory;
import org.mailplatform.msgauth.dkim.DkimKeyRing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys this MTA holds, read from the key directory at start (a bad key stops the
 * start, like a bad TLS key) and again every refresh interval (a bad key then keeps the keys
 * already loaded, and says so). Logs which keys sign, never the keys.
 */
public final class DkimKeys implements Supplier<DkimKeyRing>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DkimKeys.class);

    private final Path directory;
    private final AtomicReference<DkimKeyRing> current = new AtomicReference<>(DkimKeyRing.empty());
    private final ScheduledExecutorService reloader;

    public DkimKeys(Path directory, Duration refreshInterval) {
        this.directory = directory;
        if (directory == null) {
            reloader = null;
            log.info("DKIM: no key directory (mailplatform.dkim.keys-dir): outgoing mail is not signed");
            return;
        }
        load();
        reloader = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("dkim-keys").factory());
        long every = Math.max(1, refreshInterval.toMillis());
        reloader.scheduleWithFixedDelay(this::reload, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public DkimKeyRing get() {
        return current.get();
    }

    /** Reads the directory now. */
    public void load() {
        List<DkimKey> keys = DkimKeyDirectory.read(directory);
        DkimKeyRing ring = DkimKeyRing.of(keys);
        DkimKeyRing before = current.getAndSet(ring);
        if (!before.keys().stream().map(DkimKey::toString).toList().equals(keys.stream().map(DkimKey::toString).toList())) {
            log.info("DKIM: {} keys from {}: {}", keys.size(), directory,
                    keys.stream().map(k -> k.dnsName() + " " + k.algorithm().tag()).toList());
        }
    }

    private void reload() {
        try {
            load();
        } catch (RuntimeException e) {
            log.error("DKIM: the key directory could not be read again, the keys loaded before keep signing: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        if (reloader != null) {
            reloader.shutdownNow();
        }
    }
}
