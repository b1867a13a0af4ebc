package org.mailplatform.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A real Zipkin server (the exec jar Maven fetches for the tests) on a loopback port, in memory,
 * as a process of its own; the services export their spans to it and the test reads the traces
 * back through its query API.
 */
final class ZipkinCollector implements AutoCloseable {

    /** Set by the build (surefire) to the jar maven-dependency-plugin copied. */
    static final String JAR_PROPERTY = "mailplatform.test.zipkin-server-jar";

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    private ZipkinCollector(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static ZipkinCollector start(Path workDir) throws IOException {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no Zipkin server jar at " + jar
                    + ": the build copies it to local-stack/target/zipkin (run the tests through ./mvnw)");
        }
        int port = freePort();
        Path log = workDir.resolve("zipkin.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-jar", jar,
                "--armeria.ports[0].ip=127.0.0.1", "--armeria.ports[0].port=" + port,
                "--armeria.ports[0].protocols=http", "--logging.level.root=WARN")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ZipkinCollector(process, port, log);
    }

    /** Where the services post spans (Zipkin v2 JSON). */
    String spansEndpoint() {
        return base() + "/api/v2/spans";
    }

    /** Waits until the server answers its health check; fails at once if the process ended. */
    void awaitReady(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Zipkin exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                if (get("/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Zipkin not ready within " + limit + ": " + Files.readString(log));
    }

    /** The traces that have a span tagged {@code key=value}, each a list of spans. */
    List<List<JsonNode>> tracesTagged(String key, String value) throws Exception {
        String query = URLEncoder.encode(key + "=" + value, StandardCharsets.UTF_8);
        HttpResponse<String> response = get("/api/v2/traces?limit=10&lookback=3600000&annotationQuery=" + query);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Zipkin answered " + response.statusCode() + ": " + response.body());
        }
        List<List<JsonNode>> traces = new ArrayList<>();
        for (JsonNode trace : json.readTree(response.body())) {
            List<JsonNode> spans = new ArrayList<>();
            trace.forEach(spans::add);
            traces.add(spans);
        }
        return traces;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
