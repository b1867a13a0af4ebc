package org.mailplatform.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's metric names (mail_*, kafka_*) that operators rely on: in the alert rules' expressions, the
 * Grafana dashboard's queries and the documentation. Checked against what the running services
 * really expose, so a renamed meter or a misspelled query cannot go unnoticed.
 */
final class MetricReferences {

    /**
     * A mail_* word, but not a milter macro such as {mail_addr}; or a kafka_* word, a meter of the
     * Kafka clients that Micrometer binds (the lag alert relies on one).
     */
    private static final Pattern NAME = Pattern.compile("(?<!\\{)\\b(mail|kafka)_[a-z0-9_]*[a-z0-9]\\b");

    /**
     * mail_* words of the docs that are not exposed by a service that merely runs: Dovecot's settings,
     * named where a limit is compared with Dovecot's, and meters that exist only once the feature is
     * configured or used (their own tests check them): milters, and deliveries to a domain with an
     * MTA-STS policy, whose mode and result tags are only known then.
     */
    private static final Set<String> NOT_ALWAYS_EXPOSED = Set.of(
            "mail_max_keyword_length", "mail_max_userip_connections",
            "mail_mta_milter_seconds_count", "mail_mta_milter_envelope_total", "mail_mta_sts_deliveries_total");

    private MetricReferences() {
    }

    /** Name to where it is used, from the project's rules, dashboard and docs. */
    static Map<String, Set<String>> ofProject() {
        Map<String, Set<String>> names = new TreeMap<>();
        addRules(names, ProjectFiles.resolve("helm/mail-platform/files/alerts.yml"));
        addDashboard(names, ProjectFiles.resolve("docker/grafana/dashboards/mail-platform.json"));
        for (Path doc : docs()) {
            add(names, ProjectFiles.read(doc), ProjectFiles.root().relativize(doc).toString());
        }
        return names;
    }

    /** The names an alert rule file's expressions use. */
    static Map<String, Set<String>> ofRules(Path rules) {
        Map<String, Set<String>> names = new TreeMap<>();
        addRules(names, rules);
        return names;
    }

    /**
     * Metric family names ({@code # TYPE} lines) and sample names (a histogram's _bucket, _count,
     * _sum) of a Prometheus text exposition.
     */
    static Set<String> exposed(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                names.add(line.split(" ")[2]);
                continue;
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    private static void addRules(Map<String, Set<String>> names, Path rules) {
        YamlNode groups = YamlNode.parse(ProjectFiles.read(rules)).field("groups");
        for (YamlNode group : groups.items()) {
            for (YamlNode rule : group.field("rules").items()) {
                add(names, rule.field("expr").text(), rules.getFileName() + " " + rule.field("alert").text());
            }
        }
    }

    private static void addDashboard(Map<String, Set<String>> names, Path dashboard) {
        JsonNode root = JsonMapper.builder().build().readTree(ProjectFiles.read(dashboard));
        for (JsonNode panel : root.path("panels").values()) {
            for (JsonNode target : panel.path("targets").values()) {
                add(names, target.path("expr").asString(), "dashboard panel " + panel.path("title").asString());
            }
        }
    }

    private static void add(Map<String, Set<String>> names, String text, String source) {
        Matcher matcher = NAME.matcher(text);
        while (matcher.find()) {
            if (NOT_ALWAYS_EXPOSED.contains(matcher.group())) {
                continue;
            }
            names.computeIfAbsent(matcher.group(), n -> new TreeSet<>()).add(source);
        }
    }

    private static List<Path> docs() {
        List<Path> docs = new ArrayList<>();
        docs.add(ProjectFiles.resolve("README.md"));
        try (Stream<Path> top = Files.list(ProjectFiles.root()); Stream<Path> documentation = Files.list(ProjectFiles.resolve("docs"))) {
            top.map(dir -> dir.resolve("README.md")).filter(Files::isRegularFile).forEach(docs::add);
            documentation.filter(f -> f.toString().endsWith(".md")).forEach(docs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }
}
