package org.mailplatform.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server from binaries shipped as a Maven artifact, so the stack needs no
 * PostgreSQL installation. The cluster lives in {@code <data-dir>/postgres} and survives restarts:
 * mailboxes and accounts are still there next time.
 */
final class EmbeddedPostgresServer implements DatabaseServer {

    static final String DATABASE = "mailplatform";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path cluster;
    private final DatabaseEndpoint endpoint;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path cluster) {
        this.postgres = postgres;
        this.cluster = cluster;
        this.endpoint = new DatabaseEndpoint("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE, SUPERUSER, "");
    }

    static EmbeddedPostgresServer start(Path dataDir, int port) {
        Path cluster = clusterDirectory(dataDir);
        stopLeftOver(dataDir);
        try {
            Files.createDirectories(cluster);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(dataDir.resolve("postgres-binaries").toAbsolutePath().toFile())
                    .setPort(port)
                    // The stack stops the server itself, after the services that use it.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start();
            try {
                createDatabaseIfMissing(postgres);
            } catch (SQLException | RuntimeException e) {
                postgres.close();
                throw e;
            }
            return new EmbeddedPostgresServer(postgres, cluster);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + cluster, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the " + DATABASE + " database", e);
        }
    }

    static Path clusterDirectory(Path dataDir) {
        return dataDir.resolve("postgres").toAbsolutePath().normalize();
    }

    /**
     * Stops a server an earlier stack left running on this cluster (that JVM was killed before it
     * could stop it): it holds the cluster's lock and port, and nothing else uses it, because a
     * running stack's ports were found free before this is called.
     */
    static void stopLeftOver(Path dataDir) {
        Path cluster = clusterDirectory(dataDir);
        Optional<ProcessHandle> server = leftOverServer(cluster);
        if (server.isEmpty()) {
            return;
        }
        log.warn("Stopping the PostgreSQL (pid {}) an earlier local stack left running on {}", server.get().pid(), cluster);
        // SIGTERM: PostgreSQL's smart shutdown; the clients that could delay it died with their JVM.
        server.get().destroy();
        try {
            server.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("PostgreSQL (pid " + server.get().pid() + ") on " + cluster
                    + " does not stop; stop it with: kill " + server.get().pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping a left-over PostgreSQL", e);
        }
    }

    /** The live postmaster whose pid file is in the cluster and whose command line names the cluster. */
    private static Optional<ProcessHandle> leftOverServer(Path cluster) {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(cluster.toString())).orElse(false));
        } catch (IOException | NumberFormatException | NoSuchElementException e) {
            // An unreadable pid file is stale; PostgreSQL itself re-checks it on start.
            return Optional.empty();
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                q.setString(1, DATABASE);
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    @Override
    public DatabaseEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String description() {
        return "embedded PostgreSQL on 127.0.0.1:" + postgres.getPort() + ", data in " + cluster;
    }

    int port() {
        return postgres.getPort();
    }

    /** The running postmaster of this server's cluster (the process that owns the cluster). */
    ProcessHandle postmaster() {
        return leftOverServer(cluster).orElseThrow(() -> new IllegalStateException("no PostgreSQL runs on " + cluster));
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
        }
    }
}
