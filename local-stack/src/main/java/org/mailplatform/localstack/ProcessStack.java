package org.mailplatform.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform with every part an operating-system process of its own, as in production: each
 * service a JVM, the Kafka broker a JVM, PostgreSQL its own server (a private cluster in the data
 * directory, never a shared one). Each part can be killed with SIGKILL and started again, on the
 * same ports and data, which is what the crash-safety tests do to it.
 *
 * <p>Services run this JVM's class path with their own {@code application.yml}, told what
 * {@link LocalStack} tells its in-JVM services.
 */
public final class ProcessStack implements AutoCloseable {

    /**
     * Small JVMs that still start quickly: seven processes share one machine. The heap starts small
     * and gives memory back after a collection (free ratios); the maximum stays at 256 MiB because
     * the services size their message budget from it (an eighth). Compact object headers (JDK 25)
     * make every object smaller; C1 alone keeps the code cache small. Measured with
     * scripts/service-footprint.sh (docs/benchmarks.md, "Service footprint").
     */
    public static final List<String> DEFAULT_SERVICE_JVM_OPTIONS = List.of(
            "-Xmx256m", "-Xms16m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m", "-XX:+UseCompactObjectHeaders", "-Xshare:auto");
    private static final List<String> KAFKA_JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC");
    // Five service JVMs starting at once on two cores shared with other work (load 30-40) took over
    // 5 minutes to be ready; a restart of one alone takes far less.
    private static final Duration SERVICE_READY_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration KAFKA_READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration POSTGRES_RESTART_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private static final Logger log = LoggerFactory.getLogger(ProcessStack.class);

    private final LocalStackSettings settings;
    private final Set<PlatformService> serviceSet;
    private final ServiceLaunch launch;
    private final Map<PlatformService, Integer> replicaCounts;
    private final Map<PlatformService, ChildProcess> services = new EnumMap<>(PlatformService.class);
    private final List<ProcessReplica> replicas = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private EmbeddedPostgresServer postgres;
    private ChildProcess kafka;
    private ServiceProperties serviceProperties;
    private DemoAccounts.Credentials demoCredentials;
    private Path certificateDirectory;

    /**
     * @param settings          data directory, ports, clean start and service properties; an existing
     *                          database is refused, because this stack must own (and may kill) its server
     * @param serviceSet        the services to run
     * @param serviceJvmOptions JVM options of each service process
     */
    public ProcessStack(LocalStackSettings settings, Set<PlatformService> serviceSet, List<String> serviceJvmOptions) {
        this(settings, serviceSet, ServiceLaunch.classPath(serviceJvmOptions), Map.of());
    }

    /**
     * @param settings      data directory, ports, clean start and service properties
     * @param serviceSet    the services to run
     * @param launch        how each service process is started
     * @param replicaCounts how many processes of a service to run (1 when absent); the first one on
     *                      the settings' ports, the others on free ports
     */
    public ProcessStack(LocalStackSettings settings, Set<PlatformService> serviceSet, ServiceLaunch launch,
                        Map<PlatformService, Integer> replicaCounts) {
        if (settings.existingDatabase().isPresent()) {
            throw new IllegalArgumentException("a process stack runs its own PostgreSQL: it kills it, so it cannot be a shared one");
        }
        this.settings = settings;
        this.serviceSet = serviceSet.isEmpty() ? EnumSet.noneOf(PlatformService.class) : EnumSet.copyOf(serviceSet);
        this.launch = launch;
        this.replicaCounts = Map.copyOf(replicaCounts);
        replicaCounts.forEach((service, count) -> {
            if (count < 1) {
                throw new IllegalArgumentException(service.serviceName() + ": at least one process, not " + count);
            }
        });
    }

    /** Starts PostgreSQL and Kafka side by side, migrates, then every service side by side; each ready when this returns. */
    public synchronized ProcessStack start() {
        try {
            List<String> busy = settings.ports().busyServicePorts();
            if (!busy.isEmpty()) {
                throw new IllegalStateException("ports already in use: " + String.join(", ", busy));
            }
            Path dataDir = settings.dataDir().toAbsolutePath();
            if (settings.clean()) {
                EmbeddedPostgresServer.stopLeftOver(dataDir);
                deleteRecursively(dataDir.resolve("postgres"));
                deleteRecursively(dataDir.resolve("kafka"));
                deleteRecursively(dataDir.resolve("logs"));
            }
            Files.createDirectories(dataDir);
            CompletableFuture<EmbeddedPostgresServer> db = CompletableFuture.supplyAsync(
                    () -> EmbeddedPostgresServer.start(dataDir, settings.ports().postgres()), threads());
            startKafka();
            postgres = db.join();
            DatabaseEndpoint database = postgres.endpoint();
            SchemaMigration.run(database.dataSource());
            demoCredentials = DemoAccounts.ensure(database.dataSource(), dataDir);
            certificateDirectory = DevCertificate.ensure(dataDir).directory();
            serviceProperties = new ServiceProperties(database, kafkaBootstrapServers(), AdminToken.ensure(dataDir),
                    certificateDirectory, DemoDkimKeys.ensure(dataDir).directory(), settings.serviceProperties());
            trainAotCaches();
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            for (PlatformService service : serviceSet) {
                services.put(service, launch(service));
                for (int n = 2; n <= replicaCounts.getOrDefault(service, 1); n++) {
                    replicas.add(launchReplica(service, n));
                }
            }
            for (PlatformService service : serviceSet) {
                ready.add(CompletableFuture.runAsync(() -> awaitReady(service), threads()));
            }
            for (ProcessReplica replica : replicas) {
                ready.add(CompletableFuture.runAsync(
                        () -> awaitReady(replica.name(), replica.process(), replica.httpPort()), threads()));
            }
            ready.forEach(CompletableFuture::join);
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private ExecutorService threads() {
        return workers;
    }

    private ChildProcess launch(PlatformService service) {
        return ChildProcess.start(service.serviceName(),
                launch.command(service, arguments(service, settings.ports())), launch.environment(), logFile(service.serviceName()));
    }

    private ProcessReplica launchReplica(PlatformService service, int number) {
        StackPorts ports = settings.ports().withFreePortsFor(service);
        String name = service.serviceName() + "-" + number;
        return new ProcessReplica(service, number, ports,
                ChildProcess.start(name, launch.command(service, arguments(service, ports)), launch.environment(), logFile(name)));
    }

    private List<String> arguments(PlatformService service, StackPorts ports) {
        List<String> args = new ArrayList<>();
        serviceProperties.of(service, ports).forEach((key, value) -> args.add("--" + key + "=" + value));
        return args;
    }

    /** Training runs, side by side, for the services whose AOT cache is missing; each exits after its context's refresh. */
    private void trainAotCaches() {
        List<CompletableFuture<Void>> training = new ArrayList<>();
        for (PlatformService service : serviceSet) {
            if (launch.needsTraining(service)) {
                training.add(CompletableFuture.runAsync(() -> train(service), threads()));
            }
        }
        training.forEach(CompletableFuture::join);
    }

    private void train(PlatformService service) {
        String name = service.serviceName() + "-aot-training";
        ChildProcess process = ChildProcess.start(name,
                launch.trainingCommand(service, arguments(service, settings.ports())), launch.environment(), logFile(name));
        if (!process.awaitExit(SERVICE_READY_TIMEOUT)) {
            process.kill();
            throw new IllegalStateException(name + " did not end within " + SERVICE_READY_TIMEOUT + "; see " + logFile(name));
        }
        if (process.exitValue() != 0 || launch.needsTraining(service)) {
            // The service still starts, only without the cache.
            log.warn("{} ended with status {} and no AOT cache; see {}", name, process.exitValue(), logFile(name));
        }
    }

    private Duration awaitReady(PlatformService service) {
        return awaitReady(service.serviceName(), services.get(service), settings.ports().http(service));
    }

    /**
     * Waits for the readiness probe to report UP, then for the overall health (database, broker)
     * too; returns how long the readiness probe took from the process's start.
     */
    private Duration awaitReady(String name, ChildProcess process, int port) {
        awaitStatus(name, process, () -> HealthProbe.readiness(port));
        Duration ready = process.age();
        awaitStatus(name, process, () -> HealthProbe.status(port));
        return ready;
    }

    private void awaitStatus(String name, ChildProcess process, Supplier<String> status) {
        long deadline = System.nanoTime() + SERVICE_READY_TIMEOUT.toNanos();
        while (!"UP".equals(status.get())) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue()
                        + " while starting; see " + logFile(name));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready after " + SERVICE_READY_TIMEOUT + "; see " + logFile(name));
            }
            pause(Duration.ofMillis(50));
        }
    }

    private void startKafka() {
        kafka = ChildProcess.start("kafka", JavaCommand.of("kafka", KAFKA_JVM_OPTIONS, KafkaBrokerMain.class.getName(),
                List.of(settings.dataDir().toAbsolutePath().toString(), String.valueOf(settings.ports().kafka()))),
                logFile("kafka"));
        long deadline = System.nanoTime() + KAFKA_READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (!kafka.isAlive()) {
                        throw new IllegalStateException("Kafka exited with status " + kafka.exitValue() + "; see " + logFile("kafka"));
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka not ready after " + KAFKA_READY_TIMEOUT + "; see " + logFile("kafka"));
                    }
                    if (notYet instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for Kafka");
                    }
                    pause(Duration.ofMillis(250));
                }
            }
        }
    }

    /** SIGKILL to the service's process. */
    public synchronized void killService(PlatformService service) {
        ChildProcess process = running(service);
        log.info("SIGKILL {} (pid {})", service.serviceName(), process.pid());
        process.kill();
    }

    /** Starts the service again on its ports; returns once it reports UP. */
    public void restartService(PlatformService service) {
        startService(service);
    }

    /**
     * Starts the service on its ports, the first time (a stack started without it) or again after
     * it stopped; returns once its readiness probe reports UP.
     */
    public Duration startService(PlatformService service) {
        synchronized (this) {
            ChildProcess running = services.get(service);
            if (running != null && running.isAlive()) {
                throw new IllegalStateException(service.serviceName() + " is still running");
            }
            if (launch.needsTraining(service)) {
                train(service);
            }
            services.put(service, launch(service));
        }
        return awaitReady(service);
    }

    /** SIGTERM to the service's process (graceful shutdown); returns once it has exited. */
    public void stopService(PlatformService service) {
        ChildProcess process;
        synchronized (this) {
            process = running(service);
        }
        process.stop(STOP_GRACE);
    }

    /** SIGKILL to the Kafka broker's process. */
    public synchronized void killKafka() {
        log.info("SIGKILL Kafka (pid {})", kafka.pid());
        kafka.kill();
    }

    /** Starts the broker again on its port and log directory; returns once it answers. */
    public synchronized void restartKafka() {
        if (kafka.isAlive()) {
            throw new IllegalStateException("Kafka is still running");
        }
        startKafka();
    }

    /** SIGKILL to PostgreSQL's postmaster; its backends notice and exit on their own. */
    public synchronized void killPostgres() {
        ProcessHandle postmaster = postgres.postmaster();
        log.info("SIGKILL PostgreSQL (pid {})", postmaster.pid());
        postmaster.destroyForcibly();
        try {
            postmaster.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL (pid " + postmaster.pid() + ") did not exit after SIGKILL", e);
        }
        try {
            // Releases the cluster's lock file that this JVM holds for the dead server (its pg_ctl stop fails, as it should).
            postgres.close();
        } catch (RuntimeException e) {
            log.debug("closing the killed PostgreSQL's handle: {}", e.toString());
        }
    }

    /**
     * Starts PostgreSQL again on its port and cluster. Until the killed server's last backend has
     * exited, a new postmaster refuses the cluster's shared memory; it is tried again until then.
     */
    public synchronized void restartPostgres() {
        long deadline = System.nanoTime() + POSTGRES_RESTART_TIMEOUT.toNanos();
        while (true) {
            try {
                postgres = EmbeddedPostgresServer.start(settings.dataDir().toAbsolutePath(), settings.ports().postgres());
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                log.info("PostgreSQL does not start yet ({}); trying again", e.toString());
                pause(Duration.ofSeconds(1));
            }
        }
    }

    public synchronized long servicePid(PlatformService service) {
        return running(service).pid();
    }

    public synchronized boolean isServiceAlive(PlatformService service) {
        ChildProcess process = services.get(service);
        return process != null && process.isAlive();
    }

    public synchronized long kafkaPid() {
        return kafka.pid();
    }

    public synchronized boolean isKafkaAlive() {
        return kafka != null && kafka.isAlive();
    }

    public synchronized long postgresPid() {
        return postgres.postmaster().pid();
    }

    /** The services' further processes ({@code --replicas}), in start order. */
    public synchronized List<ProcessReplica> replicas() {
        return List.copyOf(replicas);
    }

    public Set<PlatformService> services() {
        return EnumSet.copyOf(serviceSet);
    }

    private ChildProcess running(PlatformService service) {
        ChildProcess process = services.get(service);
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException(service.serviceName() + " is not running");
        }
        return process;
    }

    public DatabaseEndpoint database() {
        return postgres.endpoint();
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + settings.ports().kafka();
    }

    public int mailPort(MailListener listener) {
        return settings.ports().mail(listener);
    }

    public int httpPort(PlatformService service) {
        return settings.ports().http(service);
    }

    public DemoAccounts.Credentials demoCredentials() {
        return demoCredentials;
    }

    public Path certificateDirectory() {
        return certificateDirectory;
    }

    /** Where a process's output is kept. */
    public Path logFile(String processName) {
        return settings.dataDir().toAbsolutePath().resolve("logs").resolve(processName + ".log");
    }

    /** Stops the services (SIGTERM, graceful), then Kafka, then PostgreSQL. */
    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (ProcessReplica replica : replicas) {
            stopping.add(CompletableFuture.runAsync(() -> replica.process().stop(STOP_GRACE), threads()));
        }
        for (ChildProcess service : services.values()) {
            stopping.add(CompletableFuture.runAsync(() -> service.stop(STOP_GRACE), threads()));
        }
        stopping.forEach(CompletableFuture::join);
        if (kafka != null) {
            kafka.stop(STOP_GRACE);
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (RuntimeException e) {
                log.warn("cannot stop PostgreSQL", e);
            }
        }
        workers.close();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
