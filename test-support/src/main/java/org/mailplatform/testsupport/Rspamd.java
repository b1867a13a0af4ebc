package org.mailplatform.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real rspamd (Debian package {@code rspamd}) for the milter tests: only its proxy worker, in
 * milter mode and scanning by itself ({@code self_scan}), on a random loopback port, with a private
 * configuration directory. Every module that needs the network or Redis is disabled and DNS goes to
 * a closed loopback port, so verdicts depend on the message alone: GTUBE is rejected, and a message
 * whose Subject holds {@link #SPAM_MARKER} scores 9, between add_header (6) and reject (15).
 * One instance serves a whole test JVM and stops with it.
 */
public final class Rspamd implements AutoCloseable {

    /** A Subject containing this scores 9: rspamd's "add header" action, so it adds {@code X-Spam: Yes}. */
    public static final String SPAM_MARKER = "MAILPLATFORM-TEST-SPAM";

    /** The GTUBE test string (rspamd rejects any message containing it). */
    public static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    private static final String EXECUTABLE = "/usr/bin/rspamd";
    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static Rspamd shared;

    private final Process process;
    private final int port;
    private final Path directory;

    private Rspamd(Process process, int port, Path directory) {
        this.process = process;
        this.port = port;
        this.directory = directory;
    }

    public static boolean available() {
        return new File(EXECUTABLE).canExecute();
    }

    /** The instance of this JVM, started on first use (rspamd takes 10-30 s to load its rules). */
    public static synchronized Rspamd shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "rspamd-stop"));
        }
        return shared;
    }

    private static Rspamd start() throws IOException {
        Path dir = Files.createTempDirectory("rspamd");
        int port = freeTcpPort();
        Path local = dir.resolve("local");
        Path override = local.resolve("override.d");
        Files.createDirectories(override);
        for (String sub : List.of("db", "run", "log")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Files.writeString(dir.resolve("rspamd.conf"), """
                .include "$CONFDIR/common.conf"
                options {
                    pidfile = "$RUNDIR/rspamd.pid";
                    .include "$CONFDIR/options.inc"
                    .include(try=true; priority=10) "$LOCAL_CONFDIR/override.d/options.inc"
                }
                logging {
                    type = "file";
                    filename = "$LOGDIR/rspamd.log";
                    level = "info";
                }
                worker "rspamd_proxy" {
                    bind_socket = "127.0.0.1:%d";
                    milter = yes;
                    timeout = 120s;
                    upstream "local" {
                        default = yes;
                        self_scan = yes;
                    }
                    count = 1;
                    spam_header = "X-Spam";
                    reject_message = "Spam message rejected";
                }
                """.formatted(port));
        Files.writeString(override.resolve("options.inc"), """
                dns {
                    nameserver = ["127.0.0.1:9"];
                    timeout = 0.1s;
                    retransmits = 1;
                }
                control_socket = "$DBDIR/rspamd.sock mode=0600";
                """);
        for (String module : List.of("rbl", "surbl", "emails", "spf", "dkim", "dmarc", "asn", "fuzzy_check", "phishing",
                "mx_check", "replies", "neural", "ratelimit", "greylist", "reputation", "history_redis", "dcc",
                "url_redirector", "bimi", "arc", "p0f", "clickhouse", "elastic", "metadata_exporter")) {
            Files.writeString(override.resolve(module + ".conf"), "enabled = false;\n");
        }
        Files.writeString(override.resolve("actions.conf"), """
                reject = 15;
                add_header = 6;
                greylist = null;
                """);
        Files.writeString(local.resolve("rspamd.local.lua"), """
                rspamd_config.MAILPLATFORM_TEST_SPAM = {
                  callback = function(task)
                    local subject = task:get_header('Subject')
                    return subject ~= nil and subject:find('%s', 1, true) ~= nil
                  end,
                  score = 9.0,
                  description = 'Test marker for the add header action',
                }
                """.formatted(SPAM_MARKER));
        Process p = new ProcessBuilder(EXECUTABLE, "-f", "-i", "-c", dir.resolve("rspamd.conf").toString(),
                "--var=LOCAL_CONFDIR=" + local, "--var=DBDIR=" + dir.resolve("db"), "--var=RUNDIR=" + dir.resolve("run"),
                "--var=LOGDIR=" + dir.resolve("log"))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        Rspamd rspamd = new Rspamd(p, port, dir);
        rspamd.awaitListening();
        return rspamd;
    }

    public int port() {
        return port;
    }

    /** The milter address as the MTA's settings take it. */
    public String milterAddress() {
        return "127.0.0.1:" + port;
    }

    /** rspamd's own log, for a failing test's message. */
    public String log() {
        try {
            return Files.readString(directory.resolve("log").resolve("rspamd.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("rspamd exited with " + process.exitValue() + ": "
                        + Files.readString(directory.resolve("stdout.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while rspamd started", e);
                }
            }
        }
        close();
        throw new IOException("rspamd did not listen on port " + port + " within " + STARTUP + ": " + log());
    }

    /**
     * Stops every rspamd process (SIGSTOP) until {@link #resume()}: the kernel still accepts
     * connections on the milter port, but nothing answers, as with a hung filter.
     */
    public void pause() {
        signal("-STOP");
    }

    public void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        List<String> command = new java.util.ArrayList<>(List.of("kill", signal, String.valueOf(process.pid())));
        process.descendants().forEach(p -> command.add(String.valueOf(p.pid())));
        try {
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A loopback port nothing listens on: a milter that is down. */
    public static int closedPort() throws IOException {
        return freeTcpPort();
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        // The workers are this process's children; each is ended by its id.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteQuietly(directory);
    }

    /** The private configuration, maps and compiled rule cache go with the instance. */
    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }
}
