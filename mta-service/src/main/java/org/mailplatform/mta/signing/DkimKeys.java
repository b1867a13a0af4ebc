package org.mailplatform.mta.signing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * The signing keys this MTA holds: those of the key directory (a mounted secret) and those the
 * admin API stored in the database, read at start and again every refresh interval. A bad key
 * file stops the start, like a bad TLS key; later, a read that fails keeps the keys already
 * loaded and says so. A stored key signs only from its {@code signsFrom} instant on. Logs which
 * keys sign, never the keys.
 */
public final class DkimKeys implements Supplier<DkimKeyRing>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DkimKeys.class);

    private final Path directory;
    private final Supplier<List<DkimKey>> stored;
    private final Clock clock;
    private final AtomicReference<DkimKeyRing> current = new AtomicReference<>(DkimKeyRing.empty());
    private final ScheduledExecutorService reloader;
    private volatile List<DkimKey> lastStored = List.of();

    /**
     * @param directory the key directory, or null for none
     * @param stored    the keys from the database (already read into keys; may throw when the
     *                  database cannot be reached)
     */
    public DkimKeys(Path directory, Supplier<List<DkimKey>> stored, Duration refreshInterval, Clock clock) {
        this.directory = directory;
        this.stored = stored;
        this.clock = clock;
        if (directory != null) {
            DkimKeyDirectory.read(directory);
        }
        reload();
        reloader = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("dkim-keys").factory());
        long every = Math.max(1, refreshInterval.toMillis());
        reloader.scheduleWithFixedDelay(this::reload, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public DkimKeyRing get() {
        return current.get();
    }

    /** Reads the keys again now. */
    public void reload() {
        List<DkimKey> keys = new ArrayList<>();
        try {
            if (directory != null) {
                keys.addAll(DkimKeyDirectory.read(directory));
            }
        } catch (RuntimeException e) {
            log.error("DKIM: the key directory could not be read again, the keys loaded before keep signing: {}", e.getMessage());
            return;
        }
        try {
            lastStored = List.copyOf(stored.get());
        } catch (RuntimeException e) {
            log.warn("DKIM: the stored keys could not be read, those read before keep signing: {}", e.getMessage());
        }
        keys.addAll(lastStored);
        Instant now = clock.instant();
        List<DkimKey> signing = keys.stream().filter(k -> !k.createdAt().isAfter(now)).toList();
        DkimKeyRing before = current.getAndSet(DkimKeyRing.of(signing));
        List<String> names = signing.stream().map(k -> k.dnsName() + " " + k.algorithm().tag()).toList();
        if (!before.keys().stream().map(k -> k.dnsName() + " " + k.algorithm().tag()).toList().equals(names)) {
            log.info("DKIM: {} keys may sign: {}", signing.size(), names);
        }
    }

    @Override
    public void close() {
        reloader.shutdownNow();
    }
}
