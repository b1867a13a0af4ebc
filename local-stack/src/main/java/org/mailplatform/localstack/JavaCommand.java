package org.mailplatform.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a Java process on this JVM's runtime and class path: the stack's children
 * run the same code as the stack itself, each with a main class of its own, under
 * {@link ParentWatchMain} so that they end with this JVM.
 */
final class JavaCommand {

    /** Where the children's Logback configuration is on the class path. */
    static final String LOGBACK_RESOURCE = "org/mailplatform/localstack/process-logback.xml";

    private JavaCommand() {
    }

    static List<String> of(String processName, List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = java(jvmOptions);
        command.add("-Dmailplatform.process-name=" + processName);
        // Spring Boot reads logging.config; Kafka's Logback reads logback.configurationFile.
        command.add("-Dlogging.config=classpath:" + LOGBACK_RESOURCE);
        command.add("-Dlogback.configurationFile=" + LOGBACK_RESOURCE);
        command.add("-cp");
        command.add(classPath());
        command.add(ParentWatchMain.class.getName());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /**
     * A service's own Boot jar, as its image runs it: its own {@code application.yml} and logging.
     * Unlike {@link #of}, it does not end with this JVM; the stack stops it.
     */
    static List<String> ofJar(String processName, List<String> jvmOptions, Path jar, List<String> args) {
        List<String> command = java(jvmOptions);
        command.add("-Dmailplatform.process-name=" + processName);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.addAll(args);
        return command;
    }

    private static List<String> java(List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("--sun-misc-unsafe-memory-access=allow");
        return command;
    }

    private static String classPath() {
        String classPath = System.getProperty("java.class.path");
        if (classPath == null || classPath.isBlank()) {
            throw new IllegalStateException("this JVM has no class path to hand to its children");
        }
        return classPath;
    }
}
