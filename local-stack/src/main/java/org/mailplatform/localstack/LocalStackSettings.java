package org.mailplatform.localstack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a local stack is asked to run.
 *
 * @param dataDir           where the embedded PostgreSQL cluster, the Kafka log and the demo
 *                          passwords are kept between runs
 * @param existingDatabase  a PostgreSQL database to use instead of starting the embedded server
 * @param ports             every port the stack binds
 * @param clean             start from empty PostgreSQL and Kafka data
 * @param serviceProperties properties given to every service, over the stack's own choices
 * @param processMode       each service a JVM of its own, with how many replicas
 */
public record LocalStackSettings(Path dataDir, Optional<DatabaseEndpoint> existingDatabase, StackPorts ports, boolean clean,
                                 Map<String, String> serviceProperties, ProcessMode processMode) {

    /** Command-line options with these prefixes are Spring properties for the services. */
    static final List<String> SERVICE_PROPERTY_PREFIXES = List.of("mailplatform.", "spring.");

    public LocalStackSettings {
        serviceProperties = Collections.unmodifiableMap(new LinkedHashMap<>(serviceProperties));
    }

    public LocalStackSettings(Path dataDir, Optional<DatabaseEndpoint> existingDatabase, StackPorts ports, boolean clean,
                              Map<String, String> serviceProperties) {
        this(dataDir, existingDatabase, ports, clean, serviceProperties, ProcessMode.OFF);
    }

    public LocalStackSettings(Path dataDir, Optional<DatabaseEndpoint> existingDatabase, StackPorts ports, boolean clean) {
        this(dataDir, existingDatabase, ports, clean, Map.of());
    }

    static final String USAGE = """
            Usage: ./local-stack.sh [options]
              --postgres-url=jdbc:postgresql://HOST:PORT/DB  use this existing database instead of the embedded PostgreSQL
                                                            (env MAILPLATFORM_POSTGRES_URL)
              --postgres-user=NAME                          its user (env MAILPLATFORM_POSTGRES_USER, default postgres)
              --postgres-password=SECRET                    its password (env MAILPLATFORM_POSTGRES_PASSWORD, default empty)
              --data-dir=DIR                                where data is kept (default .local-stack)
              --clean                                       delete the embedded PostgreSQL and Kafka data first
              --processes                                   each service a JVM of its own (and its own log in DATA_DIR/logs),
                                                            as in production; without it, all five run in one JVM
              --replicas=SERVICE=N[,SERVICE=N]              with --processes: N processes of a service, the first on its
                                                            dev ports, the others on free ones (e.g. --replicas=imap-gateway=2)
              --aot-cache                                   with --processes: each service starts from a JDK AOT cache
                                                            (DATA_DIR/aot), made by a training run when missing
              --no-build                                    (local-stack.sh) do not rebuild an out-of-date jar
              --mailplatform.KEY=VALUE, --spring.KEY=VALUE  a property for every service, e.g.
                                                            --mailplatform.mta.relay.smart-host=localhost:1025
              --help                                        this text
            """;

    /** Reads the command line, then the environment for what the command line leaves out. */
    static LocalStackSettings parse(String[] args, Map<String, String> env) {
        String postgresUrl = env.get("MAILPLATFORM_POSTGRES_URL");
        String postgresUser = env.getOrDefault("MAILPLATFORM_POSTGRES_USER", "postgres");
        String postgresPassword = env.getOrDefault("MAILPLATFORM_POSTGRES_PASSWORD", "");
        Path dataDir = Path.of(".local-stack");
        boolean clean = false;
        Map<String, String> serviceProperties = new LinkedHashMap<>();
        boolean processes = false;
        boolean aotCache = false;
        Map<PlatformService, Integer> replicas = new EnumMap<>(PlatformService.class);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--replicas") && i + 1 < args.length) {
                arg = "--replicas=" + args[++i];
            }
            if (arg.startsWith("--postgres-url=")) {
                postgresUrl = value(arg);
            } else if (arg.startsWith("--postgres-user=")) {
                postgresUser = value(arg);
            } else if (arg.startsWith("--postgres-password=")) {
                postgresPassword = value(arg);
            } else if (arg.startsWith("--data-dir=")) {
                dataDir = Path.of(value(arg));
            } else if (arg.equals("--clean")) {
                clean = true;
            } else if (arg.equals("--processes")) {
                processes = true;
            } else if (arg.equals("--aot-cache")) {
                aotCache = true;
            } else if (arg.startsWith("--replicas=")) {
                replicas.putAll(replicas(value(arg)));
            } else if (isServiceProperty(arg)) {
                serviceProperties.put(arg.substring(2, arg.indexOf('=')), value(arg));
            } else if (arg.equals("--help") || arg.equals("-h")) {
                throw new UsageException(null);
            } else {
                throw new UsageException("unknown option: " + arg);
            }
        }
        Optional<DatabaseEndpoint> existing = Optional.empty();
        if (postgresUrl != null && !postgresUrl.isBlank()) {
            try {
                existing = Optional.of(new DatabaseEndpoint(postgresUrl, postgresUser, postgresPassword));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (!processes && (aotCache || !replicas.isEmpty())) {
            throw new UsageException((aotCache ? "--aot-cache" : "--replicas") + " needs --processes");
        }
        if (processes && existing.isPresent()) {
            throw new UsageException("--processes runs its own PostgreSQL: it cannot be combined with --postgres-url");
        }
        return new LocalStackSettings(dataDir, existing, StackPorts.dev(), clean, serviceProperties,
                new ProcessMode(processes, replicas, aotCache));
    }

    /** {@code imap-gateway=2,pop3-gateway=3}. */
    private static Map<PlatformService, Integer> replicas(String list) {
        Map<PlatformService, Integer> replicas = new EnumMap<>(PlatformService.class);
        for (String entry : list.split(",")) {
            int equals = entry.indexOf('=');
            if (equals < 1) {
                throw new UsageException("--replicas takes SERVICE=N, not " + entry);
            }
            PlatformService service = serviceNamed(entry.substring(0, equals));
            int count;
            try {
                count = Integer.parseInt(entry.substring(equals + 1));
            } catch (NumberFormatException e) {
                throw new UsageException("--replicas: not a number of processes: " + entry);
            }
            if (count < 1 || count > 9) {
                throw new UsageException("--replicas: " + service.serviceName() + " takes 1 to 9 processes, not " + count);
            }
            replicas.put(service, count);
        }
        return replicas;
    }

    /** The service of this name ({@code imap-gateway}), or a usage error listing the names. */
    static PlatformService serviceNamed(String name) {
        for (PlatformService service : PlatformService.values()) {
            if (service.serviceName().equals(name)) {
                return service;
            }
        }
        throw new UsageException("no service " + name + "; the services are "
                + String.join(", ", Arrays.stream(PlatformService.values()).map(PlatformService::serviceName).toList()));
    }

    private static boolean isServiceProperty(String arg) {
        int equals = arg.indexOf('=');
        return arg.startsWith("--") && equals > 2
                && SERVICE_PROPERTY_PREFIXES.stream().anyMatch(prefix -> arg.startsWith("--" + prefix));
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }

    /** A command line that cannot be run; a null message asks for the usage text alone. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
