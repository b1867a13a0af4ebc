package org.mailplatform.imap.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The gateway JVM under measurement ({@link BenchmarkGateway}): started with its own heap limit,
 * its log written to a file, its {@code BENCH} lines handed to the benchmark, and its resident
 * set read from {@code /proc}.
 */
final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> reports = new LinkedBlockingQueue<>();

    private GatewayProcess(Process process, Path log) throws IOException {
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Files.createDirectories(log.getParent());
        Writer logFile = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name("gateway-output").start(() -> copyOutput(logFile));
    }

    static GatewayProcess start(String heap, List<String> jvmOptions, String classpath, Map<String, String> properties,
                                Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(BenchmarkGateway.class.getName());
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new GatewayProcess(p, log);
    }

    long pid() {
        return process.pid();
    }

    /** The next {@code BENCH} line starting with {@code kind}, as key=value pairs. */
    Map<String, String> await(String kind, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? reports.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new IOException("gateway did not report '" + kind + "' within " + timeout
                        + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
            }
            if (line.startsWith(kind + " ") || line.equals(kind)) {
                Map<String, String> values = new HashMap<>();
                for (String word : line.split(" ")) {
                    int eq = word.indexOf('=');
                    if (eq > 0) {
                        values.put(word.substring(0, eq), word.substring(eq + 1));
                    }
                }
                return values;
            }
        }
    }

    /** Heap after a full collection, and what else the gateway reports with it. */
    Map<String, String> heap() throws IOException, InterruptedException {
        commands.println("heap");
        return await("heap", Duration.ofMinutes(2));
    }

    /** VmRSS and VmHWM (peak) of the gateway, in bytes. */
    long[] residentSet() throws IOException {
        long rss = 0;
        long peak = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = kib(line);
            } else if (line.startsWith("VmHWM:")) {
                peak = kib(line);
            }
        }
        return new long[] {rss, peak};
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    }

    private void copyOutput(Writer log) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             log) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("BENCH ")) {
                    reports.add(line.substring(6));
                }
                log.write(line);
                log.write('\n');
                log.flush();
            }
        } catch (IOException ignored) {
            // the gateway is gone
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            commands.println("exit");
            commands.close();
            if (!process.waitFor(45, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
