package org.mailplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailplatform.testsupport.TestDatabase;
import tools.jackson.databind.json.JsonMapper;

/**
 * The services' Dockerfiles. No Docker engine is needed: the instructions are checked against what
 * the chart and docker-compose.yml expect, and the layout the image builds is rebuilt from the MDA's
 * jar to run the schema migration the way the chart's Job runs it.
 */
class DockerfilesTest {

    private static final String CONFIG_LOCATION = "optional:file:/etc/mailplatform/config/";
    private static final String PINNED_BASE = "eclipse-temurin:25.0.3_9-jre-noble";
    private static final String SERVICE_JAR = "/app/service.jar";
    private static final String AOT_CACHE = "/app/service.aot";

    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void buildsOnTheJava25RuntimeFromTheServicesBootJar(PlatformService service) {
        Dockerfile dockerfile = dockerfile(service);

        // One Temurin release on one Ubuntu, not a moving "25-jre".
        assertThat(dockerfile.arguments("FROM")).containsExactly(PINNED_BASE + " AS layers", PINNED_BASE);
        assertThat(PINNED_BASE).matches("eclipse-temurin:25\\.\\d+\\.\\d+_\\d+-jre-[a-z]+");
        assertThat(dockerfile.arguments("COPY").getFirst()).isEqualTo("target/" + service.serviceName() + "-*-exec.jar service.jar");
        assertThat(ProjectFiles.read(service.serviceName() + "/.dockerignore")).contains("!target/*-exec.jar");
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void runsAsTheUserTheChartExpects(PlatformService service) {
        String user = dockerfile(service).single("USER");
        int uid = Integer.parseInt(user.split(":")[0]);
        int chartUid = DeploymentsTest.deploymentObject(service).at("spec.template.spec.securityContext.runAsUser").integer();

        assertThat(uid).isPositive().isEqualTo(chartUid);
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void exposesThePortsTheContainerListensOn(PlatformService service) {
        List<Integer> exposed = Arrays.stream(dockerfile(service).single("EXPOSE").split("\\s+")).map(Integer::valueOf).toList();

        // The unprivileged ports of container.properties, as the chart's pods declare them.
        assertThat(exposed).containsExactlyInAnyOrderElementsOf(Stream.concat(
                containerPorts(service).values().stream(), Stream.concat(service.webDevPorts().stream(), Stream.of(service.httpPort()))).toList());
        assertThat(exposed).allMatch(port -> port >= 1024);
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void theImageMovesEveryMailListenerToTheChartsContainerPort(PlatformService service) {
        Map<String, Integer> imagePorts = containerPorts(service);
        YamlNode ports = DeploymentsTest.container(service).field("ports");

        assertThat(imagePorts.keySet()).containsExactlyInAnyOrderElementsOf(
                service.mailPorts().stream().map(PlatformService.MailPort::listener).toList());
        for (PlatformService.MailPort port : service.mailPorts()) {
            assertThat(imagePorts.get(port.listener())).as(port.listener())
                    .isEqualTo(port.devPort())
                    .isEqualTo(ports.itemWith("name", port.listener()).field("containerPort").integer());
        }
        assertThat(dockerfile(service).arguments("COPY")).contains("container.properties config/application.properties");
        assertThat(ProjectFiles.read(service.serviceName() + "/.dockerignore")).contains("!container.properties");
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void theHealthCheckAsksForReadinessOnTheHttpPort(PlatformService service) {
        List<String> check = healthcheck(dockerfile(service));

        assertThat(check.subList(0, 2)).containsExactly("/bin/bash", "-c");
        assertThat(check.get(2)).contains("/dev/tcp/127.0.0.1/${SERVER_PORT:-" + service.httpPort() + "}",
                "GET /actuator/health/readiness HTTP/1.0", "\"status\":\"UP\"");
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void theContainerfileBuildsTheSameImageOnTheDebianRuntime(PlatformService service) {
        Dockerfile dockerfile = dockerfile(service);
        Dockerfile containerfile = Dockerfile.of(ProjectFiles.read("docker/images/service.Containerfile"));

        assertThat(entrypoint(containerfile)).isEqualTo(entrypoint(dockerfile));
        assertThat(command(containerfile)).isEqualTo(command(dockerfile));
        assertThat(containerfile.single("USER")).isEqualTo(dockerfile.single("USER"));
        assertThat(containerfile.single("EXPOSE")).isEqualTo("${MAIL_PORTS} ${HTTP_PORT}");
        assertThat(containerfile.arguments("COPY")).contains("container.properties config/application.properties");
        assertThat(healthcheck(containerfile).get(2))
                .isEqualTo(healthcheck(dockerfile).get(2).replace("${SERVER_PORT:-" + service.httpPort() + "}", "${SERVER_PORT:-$HEALTHCHECK_PORT}"));
        // The build script passes the port arguments from the same sources as this test reads.
        String script = ProjectFiles.read("scripts/build-images.sh");
        assertThat(script).contains("--build-arg MAIL_PORTS=\"$(mail_ports \"$service\")\"", "$1/container.properties",
                "$1/src/main/resources/application.yml");
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void startsAContainerAwareJvmFromTheExtractedJarAndItsAotCache(PlatformService service) {
        List<String> entrypoint = entrypoint(dockerfile(service));

        assertThat(entrypoint.getFirst()).isEqualTo("java");
        // Heap from the container's limit; direct buffers, classes and compiled code bounded beside it.
        assertThat(entrypoint).anyMatch(a -> a.startsWith("-XX:MaxRAMPercentage="));
        assertThat(entrypoint).anyMatch(a -> a.startsWith("-XX:MaxDirectMemorySize="));
        assertThat(entrypoint).anyMatch(a -> a.startsWith("-XX:MaxMetaspaceSize="));
        assertThat(entrypoint).anyMatch(a -> a.startsWith("-XX:ReservedCodeCacheSize="));
        assertThat(entrypoint).contains("-XX:+ExitOnOutOfMemoryError", "-XX:AOTCache=" + AOT_CACHE);
        // java -jar on the extracted jar, whose class path (lib/*.jar) an AOT cache can serve.
        assertThat(command(dockerfile(service))).containsExactly("-jar", SERVICE_JAR);
        assertThat(dockerfile(service).arguments("ENV"))
                .containsExactlyInAnyOrder("SPRING_CONFIG_ADDITIONAL_LOCATION=" + CONFIG_LOCATION, "MALLOC_ARENA_MAX=2");
    }

    /**
     * A cache serves only the JVM options and class path it was made with: the Dockerfile's training
     * run has every option of the entry point, writes the cache the entry point reads, and starts the
     * command's jar; the build script's training run takes the image's own entry point and command.
     */
    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void theAotCacheIsTrainedWithTheEntryPointsOptions(PlatformService service) {
        Dockerfile dockerfile = dockerfile(service);
        String training = dockerfile.arguments("RUN").stream().filter(r -> r.contains("-XX:AOTCacheOutput=")).findFirst()
                .orElseThrow(() -> new AssertionError("no training run in the Dockerfile"));
        List<String> run = List.of(training.split("\\s+"));

        for (String option : entrypoint(dockerfile)) {
            if (option.equals("-XX:AOTCache=" + AOT_CACHE)) {
                assertThat(run).contains("-XX:AOTCacheOutput=" + AOT_CACHE);
            } else {
                assertThat(run).as("the training run's options").contains(option);
            }
        }
        assertThat(run).contains("-Dspring.context.exit=onRefresh");
        assertThat(String.join(" ", run)).endsWith(String.join(" ", command(dockerfile)));
        String script = ProjectFiles.read("scripts/build-images.sh");
        assertThat(script).contains("{{json .Config.Entrypoint}}", "-XX:AOTCacheOutput=/aot/service.aot", "-Dspring.context.exit=onRefresh",
                "\"$image\" " + String.join(" ", command(dockerfile)));
        assertThat(ProjectFiles.read("docker/images/aot.Containerfile")).contains("COPY service.aot " + AOT_CACHE);
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void theChartMountsTheConfigurationWhereTheImageLooks(PlatformService service) {
        YamlNode mount = DeploymentsTest.container(service).field("volumeMounts").itemWith("name", "config");

        assertThat(CONFIG_LOCATION).isEqualTo("optional:file:" + mount.field("mountPath").text() + "/");
    }

    @Test
    void theMigrationRunsFromTheMdaImageLayoutAsTheChartsJobStartsIt() throws Exception {
        Path jar = bootJar(PlatformService.MDA);
        Dockerfile dockerfile = dockerfile(PlatformService.MDA);
        Path app = buildImageLayout(dockerfile, jar);
        YamlNode job = HelmChart.render(HooksTest.WITHOUT_HOOKS).get("Job", "mail-platform-migrate")
                .at("spec.template.spec.containers").items().getFirst();
        TestDatabase database = TestDatabase.get();
        Map<String, String> environment = new HashMap<>();
        environment.put("SPRING_DATASOURCE_URL", database.jdbcUrl());
        environment.put("SPRING_DATASOURCE_USERNAME", database.username());
        environment.put("SPRING_DATASOURCE_PASSWORD", database.password() == null ? "" : database.password());
        // The image's entry point with the Job's arguments; no AOT cache here (the image build trains it).
        List<String> command = Stream.concat(entrypoint(dockerfile).stream(), job.field("args").items().stream().map(YamlNode::text))
                .filter(a -> !a.startsWith("-XX:AOTCache="))
                .map(a -> a.equals("java") ? javaExecutable() : a.startsWith("/app/") ? app.resolve(a.substring("/app/".length())).toString() : a)
                .toList();

        ExternalTool.Result first = ExternalTool.runCommand(command, work, environment, Duration.ofMinutes(2));
        ExternalTool.Result second = ExternalTool.runCommand(command, work, environment, Duration.ofMinutes(2));

        assertThat(first.succeeded()).as(first.output()).isTrue();
        assertThat(first.output()).contains("MigrateDatabase: schema at version");
        assertThat(second.succeeded()).as("a second deploy finds the schema migrated: %s", second.output()).isTrue();
        assertThat(second.output()).contains("MigrateDatabase: schema already up to date");
        try (Connection connection = database.connect();
             ResultSet rows = connection.createStatement().executeQuery(
                     "select count(*) from flyway_schema_history where success")) {
            rows.next();
            assertThat(rows.getInt(1)).isPositive();
        }
    }

    /** What the Dockerfile's first stage extracts and the second copies to /app, in its order. */
    private Path buildImageLayout(Dockerfile dockerfile, Path jar) throws IOException {
        String extractRun = dockerfile.arguments("RUN").stream().filter(r -> r.contains("-Djarmode=tools")).findFirst()
                .orElseThrow(() -> new AssertionError("no layer extraction in the Dockerfile"));
        // The jar under the name the first stage copies it to: the extracted jar keeps that name.
        Files.copy(jar, work.resolve("service.jar"));
        List<String> extract = List.of(extractRun.split("\\s+"));
        List<String> command = extract.stream()
                .map(a -> a.equals("java") ? javaExecutable() : a)
                .toList();
        ExternalTool.Result extracted = ExternalTool.runCommand(command, work, Map.of(), Duration.ofMinutes(1));
        assertThat(extracted.succeeded()).as(extracted.output()).isTrue();

        Path app = Files.createDirectory(work.resolve("app"));
        Pattern layerCopy = Pattern.compile("--from=layers /build/(\\S+)/ \\./");
        List<String> layers = dockerfile.arguments("COPY").stream()
                .map(layerCopy::matcher).filter(Matcher::matches).map(m -> m.group(1)).toList();
        assertThat(layers).hasSize(3);
        for (String layer : layers) {
            copyTree(work.resolve(layer), app);
        }
        return app;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static Path bootJar(PlatformService service) throws IOException {
        List<Path> jars = bootJars(service);
        assumePresent(jars.size() == 1, service.serviceName() + "'s Boot jar is not built (./mvnw -DskipTests package): " + jars);
        return jars.getFirst();
    }

    static boolean bootJarBuilt(PlatformService service) throws IOException {
        return bootJars(service).size() == 1;
    }

    private static List<Path> bootJars(PlatformService service) throws IOException {
        Path target = ProjectFiles.resolve(service.serviceName() + "/target");
        try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(p -> p.getFileName().toString().matches(service.serviceName() + "-.*-exec\\.jar")).toList();
        }
    }

    /** The listener name to port of the image's container.properties. */
    private static Map<String, Integer> containerPorts(PlatformService service) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(ProjectFiles.read(service.serviceName() + "/container.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> ports = new TreeMap<>();
        String prefix = service.listenersProperty() + ".";
        properties.stringPropertyNames().forEach(name -> {
            if (name.equals(PlatformService.AUTOCONFIG_PORT_PROPERTY)) {
                assertThat(List.of(Integer.valueOf(properties.getProperty(name)))).isEqualTo(service.webDevPorts());
                return;
            }
            assertThat(name).startsWith(prefix).endsWith(".port");
            ports.put(name.substring(prefix.length(), name.length() - ".port".length()), Integer.valueOf(properties.getProperty(name)));
        });
        return ports;
    }

    /** The HEALTHCHECK's CMD in exec form. */
    private static List<String> healthcheck(Dockerfile dockerfile) {
        String instruction = dockerfile.single("HEALTHCHECK");
        return List.of(JsonMapper.builder().build().readValue(instruction.substring(instruction.indexOf("CMD [") + 4), String[].class));
    }

    private static List<String> entrypoint(Dockerfile dockerfile) {
        return List.of(JsonMapper.builder().build().readValue(dockerfile.single("ENTRYPOINT"), String[].class));
    }

    private static List<String> command(Dockerfile dockerfile) {
        return List.of(JsonMapper.builder().build().readValue(dockerfile.single("CMD"), String[].class));
    }

    private static Dockerfile dockerfile(PlatformService service) {
        return Dockerfile.of(ProjectFiles.read(service.serviceName() + "/Dockerfile"));
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
