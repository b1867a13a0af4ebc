package org.mailplatform.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The whole platform on one machine: a real PostgreSQL (embedded, or an existing server), a real
 * Kafka broker (KRaft), the schema migrations, demo accounts, and the five services, each its own
 * Spring application context in this JVM. {@link #close()} stops all of it, services first.
 */
public final class LocalStack implements AutoCloseable {

    /** The services' shared Spring Boot property that switches on local-development behaviour. */
    static final String LOCAL_DEV_PROPERTY = ServiceProperties.LOCAL_DEV_PROPERTY;

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final LocalStackSettings settings;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<PlatformService, RunningService> services = new EnumMap<>(PlatformService.class);
    private final List<ServiceReplica> replicas = new CopyOnWriteArrayList<>();
    private DatabaseServer database;
    private KafkaBroker kafka;
    private DemoAccounts.Credentials demoCredentials;
    private DevCertificate certificate;
    private DemoDkimKeys dkimKeys;
    private String adminToken;
    private StartupTimes startupTimes;

    public LocalStack(LocalStackSettings settings) {
        this.settings = settings;
    }

    /**
     * Starts everything; on failure stops what did start and throws. Holds the stack's lock, so a
     * {@link #close()} from a shutdown hook (Ctrl-C while starting) waits and then stops it all.
     */
    public synchronized LocalStack start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a local stack starts once");
        }
        long begin = System.nanoTime();
        try {
            prepareLogging();
            refuseBusyPorts();
            if (settings.clean()) {
                deleteData();
            }
            startInfrastructure();
            long infrastructureDone = System.nanoTime();
            SchemaMigration.run(database.endpoint().dataSource());
            demoCredentials = DemoAccounts.ensure(database.endpoint().dataSource(), settings.dataDir());
            certificate = DevCertificate.ensure(settings.dataDir());
            adminToken = AdminToken.ensure(settings.dataDir());
            dkimKeys = DemoDkimKeys.ensure(settings.dataDir());
            long migrationsDone = System.nanoTime();
            startServices();
            long end = System.nanoTime();
            startupTimes = new StartupTimes(Duration.ofNanos(infrastructureDone - begin),
                    Duration.ofNanos(migrationsDone - infrastructureDone), Duration.ofNanos(end - migrationsDone),
                    Duration.ofNanos(end - begin));
            return this;
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /**
     * The five contexts share one Logback configuration. Spring Boot would re-initialise it in each
     * context, concurrently; the stack's own logback.xml configures it once instead.
     */
    private static void prepareLogging() {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        if (!SLF4JBridgeHandler.isInstalled()) {
            // Tomcat logs through java.util.logging; Spring Boot's logging system would bridge it.
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    private void refuseBusyPorts() {
        List<String> busy = settings.ports().busyServicePorts();
        if (!busy.isEmpty()) {
            throw new IllegalStateException("ports already in use: " + String.join(", ", busy)
                    + " (is another local stack running?)");
        }
    }

    private void deleteData() {
        EmbeddedPostgresServer.stopLeftOver(settings.dataDir());
        for (String dir : List.of("postgres", "kafka", DemoAccounts.PASSWORDS_FILE)) {
            deleteRecursively(settings.dataDir().resolve(dir));
        }
    }

    /** PostgreSQL and Kafka start side by side: neither needs the other. */
    private void startInfrastructure() {
        Path dataDir = settings.dataDir();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dataDir, e);
        }
        RuntimeException failure = null;
        try (ExecutorService pool = threads("start-infrastructure-")) {
            CompletableFuture<DatabaseServer> db = CompletableFuture.supplyAsync(() -> settings.existingDatabase()
                    .<DatabaseServer>map(DatabaseServer::existing)
                    .orElseGet(() -> EmbeddedPostgresServer.start(dataDir, settings.ports().postgres())), pool);
            CompletableFuture<KafkaBroker> broker = CompletableFuture.supplyAsync(
                    () -> KafkaBroker.start(dataDir, settings.ports().kafka()), pool);
            try {
                database = db.join();
            } catch (CompletionException e) {
                failure = unwrap(e);
            }
            try {
                kafka = broker.join();
            } catch (CompletionException e) {
                failure = failure == null ? unwrap(e) : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        log.info("PostgreSQL: {}; Kafka: {}", database.description(), kafka.bootstrapServers());
    }

    private void startServices() {
        Map<PlatformService, CompletableFuture<RunningService>> starting = new EnumMap<>(PlatformService.class);
        try (ExecutorService pool = threads("start-service-")) {
            for (PlatformService service : PlatformService.values()) {
                starting.put(service, CompletableFuture.supplyAsync(
                        () -> RunningService.start(service, serviceProperties(service)), pool));
            }
            RuntimeException failure = null;
            for (Map.Entry<PlatformService, CompletableFuture<RunningService>> e : starting.entrySet()) {
                try {
                    services.put(e.getKey(), e.getValue().join());
                } catch (CompletionException ex) {
                    RuntimeException cause = unwrap(ex);
                    log.error("{} failed to start", e.getKey().serviceName(), cause);
                    if (failure == null) {
                        failure = new IllegalStateException(e.getKey().serviceName() + " failed to start: " + cause.getMessage(), cause);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    /**
     * Starts another instance of {@code service} on free ports, told what the stack's own instance
     * is told plus {@code properties} (e.g. {@code mailplatform.imap.replica-id}).
     */
    public synchronized ServiceReplica startReplica(PlatformService service, Map<String, String> properties) {
        if (!started.get() || closed.get()) {
            throw new IllegalStateException("the stack is not running");
        }
        StackPorts ports = settings.ports().withFreePortsFor(service);
        Map<String, String> p = serviceProperties(service, ports);
        p.putAll(properties);
        ServiceReplica replica = new ServiceReplica(RunningService.start(service, p), ports);
        replicas.add(replica);
        return replica;
    }

    /** What each service is told on top of its own application.yml. */
    Map<String, String> serviceProperties(PlatformService service) {
        return serviceProperties(service, settings.ports());
    }

    private Map<String, String> serviceProperties(PlatformService service, StackPorts ports) {
        return new ServiceProperties(database.endpoint(), kafka.bootstrapServers(), adminToken, certificate.directory(),
                dkimKeys.directory(), settings.serviceProperties()).of(service, ports);
    }

    /** Stops the services (gracefully, side by side), then Kafka, then PostgreSQL. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (ExecutorService pool = threads("stop-service-")) {
            for (ServiceReplica replica : replicas) {
                pool.execute(() -> quietly("stop a replica of " + replica.service().serviceName(), replica::close));
            }
            for (RunningService service : services.values()) {
                pool.execute(() -> quietly("stop " + service.service().serviceName(), service::close));
            }
        }
        if (kafka != null) {
            quietly("stop Kafka", kafka::close);
        }
        if (database != null) {
            quietly("stop PostgreSQL", database::close);
        }
    }

    /**
     * Threads made here inherit the caller's context class loader, which in the packaged stack is
     * the loader of the nested jars: Kafka and Spring load classes by name through it, and the
     * common fork-join pool's threads do not have it.
     */
    private static ExecutorService threads(String prefix) {
        return Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name(prefix, 0).factory());
    }

    private static void quietly(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("cannot {}", what, e);
        }
    }

    public LocalStackSettings settings() {
        return settings;
    }

    public DatabaseEndpoint database() {
        return database.endpoint();
    }

    String databaseDescription() {
        return database.description();
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The HTTP port a running service really listens on. */
    public int httpPort(PlatformService service) {
        RunningService running = services.get(service);
        if (running == null) {
            throw new IllegalStateException(service.serviceName() + " is not running");
        }
        return running.httpPort();
    }

    /** A bean of a running service's application context. */
    <T> T bean(PlatformService service, Class<T> type) {
        RunningService running = services.get(service);
        if (running == null) {
            throw new IllegalStateException(service.serviceName() + " is not running");
        }
        return running.context().getBean(type);
    }

    public int mailPort(MailListener listener) {
        return settings.ports().mail(listener);
    }

    public DemoAccounts.Credentials demoCredentials() {
        return demoCredentials;
    }

    /** The certificate every mail listener serves. */
    public Path certificateDirectory() {
        return certificate.directory();
    }

    String certificateFingerprint() {
        return certificate.sha256Fingerprint();
    }

    /** Where the MTA's DKIM keys for the demo domain are. */
    public Path dkimKeyDirectory() {
        return dkimKeys.directory();
    }

    /** The demo domain's DKIM public keys as zone file lines. */
    public List<String> dkimRecords() {
        return dkimKeys.keys().stream().map(org.mailplatform.msgauth.dkim.DkimKey::zoneFileLine).toList();
    }

    /** The bearer token of the MDA's admin API. */
    public String adminToken() {
        return adminToken;
    }

    public StartupTimes startupTimes() {
        return startupTimes;
    }

    private static RuntimeException unwrap(CompletionException e) {
        return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
