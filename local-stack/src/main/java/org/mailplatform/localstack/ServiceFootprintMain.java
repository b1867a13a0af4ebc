package org.mailplatform.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scripts/service-footprint.sh}: each service started as a process of its own beside a
 * PostgreSQL and a Kafka broker (a {@link ProcessStack} without services), one after the other,
 * and measured: time from the process's start to its readiness probe reporting UP, then after a
 * quiet spell its resident set, threads and heap in use, then the same after a short load (with
 * the peak resident set during it). Prints one line per service and the load average, since the
 * figures mean little without it.
 */
public final class ServiceFootprintMain {

    static final String USAGE = """
            Usage: scripts/service-footprint.sh [options]
              --services=imap-gateway,pop3-gateway   which services (default all five)
              --launch=classpath|jars                the local stack's process mode (one class path), or each
                                                     service's own exec jar, extracted as in its image (default classpath)
              --jvm-options='-Xmx256m ...'           the services' JVM options (default the process stack's)
              --env=NAME=VALUE                       an environment variable for the services (e.g. MALLOC_ARENA_MAX=2)
              --aot                                  with an AOT cache per service, made by a training run first
              --idle=10                              seconds to wait after readiness before the idle figures
              --load=10                              seconds of load (0: none)
              --clients=20                           load clients side by side
              --data-dir=DIR                         default target/service-footprint (emptied first)
            """;

    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+-]+)$", Pattern.MULTILINE);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceFootprintMain() {
    }

    record Options(Set<PlatformService> services, boolean jars, List<String> jvmOptions, Map<String, String> environment,
                   boolean aot, Duration idle,
                   Duration load, int clients, Path dataDir) {
    }

    static Options parse(String[] args) {
        Set<PlatformService> services = EnumSet.allOf(PlatformService.class);
        boolean jars = false;
        List<String> jvmOptions = ProcessStack.DEFAULT_SERVICE_JVM_OPTIONS;
        boolean aot = false;
        Map<String, String> environment = new LinkedHashMap<>();
        Duration idle = Duration.ofSeconds(10);
        Duration load = Duration.ofSeconds(10);
        int clients = 20;
        Path dataDir = Path.of("target", "service-footprint");
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--services=")) {
                services = EnumSet.noneOf(PlatformService.class);
                for (String name : value.split(",")) {
                    services.add(LocalStackSettings.serviceNamed(name.trim()));
                }
            } else if (arg.startsWith("--launch=")) {
                jars = switch (value) {
                    case "classpath" -> false;
                    case "jars" -> true;
                    default -> throw new LocalStackSettings.UsageException("--launch is classpath or jars, not " + value);
                };
            } else if (arg.startsWith("--jvm-options=")) {
                jvmOptions = value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
            } else if (arg.startsWith("--env=")) {
                String variable = value;
                environment.put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1));
            } else if (arg.equals("--aot")) {
                aot = true;
            } else if (arg.startsWith("--idle=")) {
                idle = Duration.ofSeconds(Long.parseLong(value));
            } else if (arg.startsWith("--load=")) {
                load = Duration.ofSeconds(Long.parseLong(value));
            } else if (arg.startsWith("--clients=")) {
                clients = Integer.parseInt(value);
            } else if (arg.startsWith("--data-dir=")) {
                dataDir = Path.of(value);
            } else if (arg.equals("--help") || arg.equals("-h")) {
                throw new LocalStackSettings.UsageException(null);
            } else {
                throw new LocalStackSettings.UsageException("unknown option: " + arg);
            }
        }
        return new Options(services, jars, jvmOptions, environment, aot, idle, load, clients, dataDir.toAbsolutePath());
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (LocalStackSettings.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.print(USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        System.setProperty("mailplatform.local-stack.log-file", options.dataDir().resolve("footprint.log").toString());
        ServiceLaunch launch = ServiceLaunch.classPath(options.jvmOptions()).withEnvironment(options.environment());
        if (options.jars()) {
            launch = launch.withExecJars(extractedJars(options));
        }
        if (options.aot()) {
            launch = launch.withAotCache(options.dataDir().resolve("aot"));
        }
        StackPorts ports = StackPorts.ephemeral();
        LocalStackSettings settings = new LocalStackSettings(options.dataDir(), Optional.empty(), ports, true);
        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "launch: %s; JVM options: %s%s; idle %d s, load %d s x %d clients",
                options.jars() ? "exec jars (extracted)" : "class path",
                String.join(" ", options.jvmOptions()) + (options.environment().isEmpty() ? "" : " env " + options.environment()),
                options.aot() ? "; AOT cache" : "", options.idle().toSeconds(), options.load().toSeconds(), options.clients()));
        report.add(String.format(Locale.ROOT, "%-13s %7s %7s %5s %6s | %9s %8s %5s %6s %s  %s", "service", "ready", "rss", "thr", "heap",
                "load rss", "peak rss", "thr", "heap", "sessions/failed", "load avg"));
        ProcessStack unstarted = new ProcessStack(settings, EnumSet.noneOf(PlatformService.class), launch, Map.of());
        // Ctrl-C stops what was started; close() runs once however often it is called.
        Runtime.getRuntime().addShutdownHook(new Thread(unstarted::close, "footprint-stop"));
        try (ProcessStack stack = unstarted.start()) {
            FootprintLoad load = new FootprintLoad(stack.demoCredentials().passwords());
            for (PlatformService service : options.services()) {
                Duration ready = stack.startService(service);
                pause(options.idle());
                long pid = stack.servicePid(service);
                ProcessMemory idle = ProcessMemory.of(pid);
                long idleHeap = heapMib(ports.http(service));
                String loaded = "";
                if (!options.load().isZero()) {
                    FootprintLoad.Result result = load.run(service, ports, options.clients(), options.load());
                    ProcessMemory busy = ProcessMemory.of(pid);
                    loaded = String.format(Locale.ROOT, "%6d MiB %4d MiB %5d %2d MiB %d/%d", busy.rssMib(), busy.peakRssMib(),
                            busy.threads(), heapMib(ports.http(service)), result.sessions(), result.failures());
                }
                report.add(String.format(Locale.ROOT, "%-13s %5.1f s %3d MiB %5d %2d MiB | %s  %s", service.serviceName(),
                        ready.toMillis() / 1000.0, idle.rssMib(), idle.threads(), idleHeap, loaded, loadAverage()));
                System.out.println(report.getLast());
                stack.stopService(service);
            }
        }
        System.out.println();
        report.forEach(System.out::println);
        System.exit(0);
    }

    /** Each service's exec jar, extracted ({@code -Djarmode=tools extract}) as its image holds it: an AOT cache needs plain jars. */
    private static Map<PlatformService, Path> extractedJars(Options options) throws IOException, InterruptedException {
        Map<PlatformService, Path> jars = new EnumMap<>(PlatformService.class);
        for (PlatformService service : options.services()) {
            Path execJar = execJar(service);
            Path destination = options.dataDir().resolve("jars").resolve(service.serviceName());
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djarmode=tools", "-jar", execJar.toString(), "extract", "--force", "--destination", destination.toString()));
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("cannot extract " + execJar);
            }
            jars.put(service, destination.resolve(execJar.getFileName()));
        }
        return jars;
    }

    private static Path execJar(PlatformService service) throws IOException {
        Path target = Path.of(service.serviceName(), "target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, service.serviceName() + "-*-exec.jar")) {
            for (Path jar : jars) {
                return jar.toAbsolutePath();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("no " + target + " (build the service first)", e);
        }
        throw new IllegalStateException("no exec jar in " + target + " (./mvnw package -pl " + service.serviceName() + ")");
    }

    /** The heap in use, from the service's Prometheus endpoint; -1 when it does not answer. */
    static long heapMib(int httpPort) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            double bytes = 0;
            Matcher m = HEAP.matcher(response.body());
            while (m.find()) {
                bytes += Double.parseDouble(m.group(1));
            }
            return Math.round(bytes / (1024 * 1024));
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration);
    }
}
