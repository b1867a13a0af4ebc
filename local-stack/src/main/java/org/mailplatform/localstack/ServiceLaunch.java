package org.mailplatform.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of one service process: its JVM options, and what it runs. By default that is
 * this JVM's class path (every service on it, each told its own {@code application.yml}); with
 * exec jars, each service's own Boot jar, as its container image runs it.
 *
 * <p>With an AOT cache directory, each service starts from its cache (JDK 25, JEP 483/514/515:
 * classes loaded and linked, method profiles, from a training run). The training run starts the
 * service's application context and stops after its refresh ({@code spring.context.exit=onRefresh}),
 * so it binds no port. A cache holds only for the class path, JVM and JVM options it was made
 * with, so its file name carries a digest of them: anything new gets a cache of its own.
 */
public final class ServiceLaunch {

    static final String AOT_CACHE_SUFFIX = ".aot";

    private final List<String> jvmOptions;
    private final Map<String, String> environment;
    private final Map<PlatformService, Path> execJars;
    private final Optional<Path> aotCacheDir;

    private ServiceLaunch(List<String> jvmOptions, Map<String, String> environment, Map<PlatformService, Path> execJars,
                          Optional<Path> aotCacheDir) {
        this.jvmOptions = List.copyOf(jvmOptions);
        this.environment = Map.copyOf(environment);
        this.execJars = execJars.isEmpty() ? Map.of() : new EnumMap<>(execJars);
        this.aotCacheDir = aotCacheDir;
    }

    /** Two glibc malloc arenas instead of eight per core: less native memory for the same work (as in the images). */
    public static final Map<String, String> DEFAULT_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    /** The services from this JVM's class path, with these JVM options and {@link #DEFAULT_ENVIRONMENT}. */
    public static ServiceLaunch classPath(List<String> jvmOptions) {
        return new ServiceLaunch(jvmOptions, DEFAULT_ENVIRONMENT, Map.of(), Optional.empty());
    }

    /** Each of these services from its own Boot jar (a jar extracted with {@code -Djarmode=tools extract} for an AOT cache). */
    public ServiceLaunch withExecJars(Map<PlatformService, Path> jars) {
        return new ServiceLaunch(jvmOptions, environment, jars, aotCacheDir);
    }

    /** AOT caches in this directory, one per service, made by a training run when missing. */
    public ServiceLaunch withAotCache(Path directory) {
        return new ServiceLaunch(jvmOptions, environment, execJars, Optional.of(directory.toAbsolutePath()));
    }

    /** These environment variables for every service process, on top of the stack's own. */
    public ServiceLaunch withEnvironment(Map<String, String> variables) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.putAll(variables);
        return new ServiceLaunch(jvmOptions, merged, execJars, aotCacheDir);
    }

    Map<String, String> environment() {
        return environment;
    }

    public List<String> jvmOptions() {
        return jvmOptions;
    }

    Optional<Path> aotCache(PlatformService service) {
        return aotCacheDir.map(dir -> dir.resolve(service.serviceName() + "-" + fingerprint(service) + AOT_CACHE_SUFFIX));
    }

    /** What the cache depends on: the JVM, its options, and the jars the service runs (names, sizes, times). */
    private String fingerprint(PlatformService service) {
        StringBuilder inputs = new StringBuilder(System.getProperty("java.vm.version")).append('\n');
        jvmOptions.forEach(option -> inputs.append(option).append('\n'));
        Path jar = execJars.get(service);
        String classPath = jar != null ? jar.toString() : System.getProperty("java.class.path", "");
        for (String entry : classPath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            inputs.append(path.toAbsolutePath());
            try {
                inputs.append(' ').append(Files.size(path)).append(' ').append(Files.getLastModifiedTime(path).toMillis());
            } catch (IOException e) {
                inputs.append(" missing");
            }
            inputs.append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(inputs.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    /** Whether {@code service} should have a training run before it starts. */
    boolean needsTraining(PlatformService service) {
        return aotCache(service).filter(cache -> !Files.isRegularFile(cache)).isPresent();
    }

    /** The service's command line; {@code args} are its Spring properties as {@code --key=value}. */
    List<String> command(PlatformService service, List<String> args) {
        Optional<Path> cache = aotCache(service).filter(Files::isRegularFile);
        List<String> options = cache.isPresent() ? withoutClassDataSharing() : new ArrayList<>(jvmOptions);
        cache.ifPresent(file -> options.add("-XX:AOTCache=" + file));
        return command(service, options, args);
    }

    /** The training run that writes the service's AOT cache, then exits. */
    List<String> trainingCommand(PlatformService service, List<String> args) {
        Path cache = aotCache(service).orElseThrow(() -> new IllegalStateException("no AOT cache directory"));
        try {
            Files.createDirectories(cache.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + cache.getParent(), e);
        }
        List<String> options = withoutClassDataSharing();
        options.add("-XX:AOTCacheOutput=" + cache);
        options.add("-Dspring.context.exit=onRefresh");
        return command(service, options, args);
    }

    /** The JVM refuses -Xshare beside the AOT cache options: the cache takes the place of the JDK's CDS archive. */
    private List<String> withoutClassDataSharing() {
        List<String> options = new ArrayList<>(jvmOptions);
        options.removeIf(option -> option.startsWith("-Xshare:"));
        return options;
    }

    private List<String> command(PlatformService service, List<String> options, List<String> args) {
        Path jar = execJars.get(service);
        if (jar == null) {
            List<String> withConfig = new ArrayList<>();
            withConfig.add("--spring.config.location=" + ServiceConfigFile.of(service.applicationClass()));
            withConfig.addAll(args);
            return JavaCommand.of(service.serviceName(), options, service.applicationClass().getName(), withConfig);
        }
        return JavaCommand.ofJar(service.serviceName(), options, jar, args);
    }
}
