package org.mailplatform.mta.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real peer program run in the foreground for a test, with a scratch directory of its own: its
 * output goes to a file there, it is stopped (its children too) by {@link #close()} or when the
 * JVM exits, and the directory is removed.
 */
public final class LocalDaemon implements AutoCloseable {

    private final String name;
    private final Path root;
    private final Path output;
    private final Thread shutdownHook;
    private Process process;

    /** @param name what it is called in messages and its stop thread */
    public LocalDaemon(String name, String directoryPrefix) throws IOException {
        this.name = name;
        this.root = Files.createTempDirectory(directoryPrefix);
        this.output = root.resolve("output.log");
        this.shutdownHook = new Thread(this::stop, name + " stop");
    }

    /** The scratch directory, for the program's configuration and data. */
    public Path root() {
        return root;
    }

    /**
     * Starts the program and waits until {@code ready} says so.
     *
     * @throws IllegalStateException when it exits first
     */
    public void start(List<String> command, Duration timeout, Callable<Boolean> ready) throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited: " + output());
            }
            return ready.call();
        });
    }

    /** What the program printed, for the diagnosis of a failure. */
    public String output() {
        try {
            return Files.exists(output) ? Files.readString(output) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        process = null;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Shutting down already, or never registered: the hook has nothing left to do.
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }
}
