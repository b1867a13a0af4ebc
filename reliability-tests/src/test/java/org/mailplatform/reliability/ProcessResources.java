package org.mailplatform.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One sample of a service process's resources: heap in use right after a full collection (the
 * live set, which is what a leak makes grow), live threads, and open file descriptors (sockets
 * included, so a leaked connection shows here too).
 */
record ProcessResources(long heapAfterGcBytes, long liveThreads, long openFiles) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static ProcessResources sample(long pid, int httpPort) {
        fullGc(pid);
        String metrics = prometheus(httpPort);
        return new ProcessResources(sum(metrics, "jvm_memory_used_bytes{", "area=\"heap\""),
                sum(metrics, "jvm_threads_live_threads", ""), openFiles(pid));
    }

    static long openFiles(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the file descriptors of pid " + pid, e);
        }
    }

    /** {@code jcmd <pid> GC.run}: System.gc() in the target JVM, the JDK's own tool. */
    private static void fullGc(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("jcmd " + pid + " GC.run failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String prometheus(int httpPort) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(20)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("prometheus endpoint on " + httpPort + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sum of the samples of one metric (Prometheus text format) whose labels contain {@code labelFilter}. */
    static long sum(String metrics, String metricPrefix, String labelFilter) {
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(metricPrefix) && line.contains(labelFilter)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) total;
    }
}
