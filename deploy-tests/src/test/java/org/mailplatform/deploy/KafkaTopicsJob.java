package org.mailplatform.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import kafka.admin.ConfigCommand;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.TopicCommand;

/**
 * The chart's topics Job, run outside a cluster. Its shell script runs under sh as written; the
 * image's Kafka scripts are replaced by stand-ins that pass each command, through a pair of named
 * pipes, to the Kafka tool classes those scripts start (kafka-topics.sh: TopicCommand,
 * kafka-configs.sh: ConfigCommand) in this JVM, and exit with the tool's status. The script's own
 * control flow (set -e, retries) therefore sees real results from a real broker, without a JVM
 * start per command.
 */
final class KafkaTopicsJob {

    private static final String IMAGE_BIN = "/opt/kafka/bin/";
    private static final String STOP = "--stop--";

    private final String script;
    private final Map<String, String> environment;
    private final List<List<String>> executed = new CopyOnWriteArrayList<>();

    private KafkaTopicsJob(String script, Map<String, String> environment) {
        this.script = script;
        this.environment = environment;
    }

    static KafkaTopicsJob of(K8sObject job) {
        YamlNode container = job.at("spec.template.spec.containers").items().getFirst();
        Map<String, String> environment = new HashMap<>();
        for (YamlNode variable : container.field("env").items()) {
            environment.put(variable.field("name").text(), variable.field("value").text());
        }
        List<String> command = container.field("command").items().stream().map(YamlNode::text).toList();
        if (!command.equals(List.of("/bin/sh", "-c"))) {
            throw new AssertionError("the Job is expected to run a shell script: " + command);
        }
        return new KafkaTopicsJob(container.field("args").items().getFirst().text(), environment);
    }

    /** Runs the script; fails with its output unless it exits with 0. */
    void run() throws IOException, InterruptedException {
        Path bin = Files.createTempDirectory("kafka-bin");
        Path requests = bin.resolve("requests");
        Path responses = bin.resolve("responses");
        try {
            mkfifo(requests, responses);
            for (String tool : List.of("kafka-topics.sh", "kafka-configs.sh")) {
                Path standIn = bin.resolve(tool);
                Files.writeString(standIn, """
                        #!/bin/sh
                        { basename "$0"; for argument in "$@"; do printf '%%s\\n' "$argument"; done; } > "%s"
                        read -r status < "%s"
                        exit "$status"
                        """.formatted(requests, responses));
                Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Thread tools = Thread.ofPlatform().daemon().name("kafka-tools").start(() -> serve(requests, responses));
            ExternalTool.Result result = ExternalTool.runCommand(
                    List.of("/bin/sh", "-c", script.replace(IMAGE_BIN, bin + "/")), bin, environment, Duration.ofMinutes(2));
            if (tools.isAlive()) {
                Files.writeString(requests, STOP);
            }
            tools.join(Duration.ofSeconds(10));
            if (!result.succeeded()) {
                throw new AssertionError("the topics script failed (" + result.exitCode() + "):\n" + result.output());
            }
        } finally {
            try (var files = Files.list(bin)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(bin);
        }
    }

    /** Every Kafka command the script ran, tool name first, in order. */
    List<List<String>> executed() {
        return List.copyOf(executed);
    }

    Map<String, Integer> describePartitions() throws Exception {
        try (Admin admin = admin()) {
            Map<String, Integer> partitions = new TreeMap<>();
            Map<String, TopicDescription> descriptions = admin.describeTopics(admin.listTopics().names().get())
                    .allTopicNames().get();
            descriptions.forEach((name, description) -> partitions.put(name, description.partitions().size()));
            return partitions;
        }
    }

    /** Each topic's configuration set on the topic itself (not broker defaults). */
    Map<String, Map<String, String>> describeTopicConfigs() throws Exception {
        try (Admin admin = admin()) {
            List<ConfigResource> resources = admin.listTopics().names().get().stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
            Map<String, Map<String, String>> configs = new TreeMap<>();
            for (Map.Entry<ConfigResource, Config> entry : admin.describeConfigs(resources).all().get().entrySet()) {
                Map<String, String> own = new TreeMap<>();
                for (ConfigEntry config : entry.getValue().entries()) {
                    if (config.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                        own.put(config.name(), config.value());
                    }
                }
                configs.put(entry.getKey().name(), own);
            }
            return configs;
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, environment.get("BOOTSTRAP_SERVERS")));
    }

    /** Answers the stand-ins one command at a time until told to stop. */
    private void serve(Path requests, Path responses) {
        try {
            while (true) {
                String request = Files.readString(requests, StandardCharsets.UTF_8);
                if (request.equals(STOP)) {
                    return;
                }
                List<String> command = new ArrayList<>(List.of(request.split("\n")));
                executed.add(List.copyOf(command));
                int status = execute(command.removeFirst(), command.toArray(String[]::new));
                Files.writeString(responses, status + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kafka's tools end through Exit.exit, also on success; the worst status they asked for counts. */
    private static int execute(String tool, String[] arguments) {
        AtomicInteger worstExit = new AtomicInteger();
        Exit.setExitProcedure((code, message) -> worstExit.accumulateAndGet(code, Math::max));
        try {
            switch (tool) {
                case "kafka-topics.sh" -> TopicCommand.main(arguments);
                case "kafka-configs.sh" -> ConfigCommand.main(arguments);
                default -> {
                    System.err.println("unexpected tool " + tool + " " + Arrays.toString(arguments));
                    return 127;
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            return 1;
        } finally {
            Exit.resetExitProcedure();
        }
        return worstExit.get();
    }

    private static void mkfifo(Path... pipes) {
        List<String> command = new ArrayList<>(List.of("mkfifo"));
        for (Path pipe : pipes) {
            command.add(pipe.toString());
        }
        ExternalTool.Result result = ExternalTool.runCommand(command, pipes[0].getParent(), Map.of(), Duration.ofSeconds(10));
        if (!result.succeeded()) {
            throw new AssertionError("mkfifo failed: " + result.output());
        }
    }
}
