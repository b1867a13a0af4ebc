package org.mailplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailplatform.protocolservice.ListenerProperties;
import org.mailplatform.records.topics.MailTopics;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** docker-compose.yml and the Prometheus and Grafana files it mounts. */
class DockerComposeTest {

    private static final YamlNode COMPOSE = YamlNode.parse(ProjectFiles.read("docker-compose.yml"));
    private static final String CONFIG_DIR = "/etc/mailplatform/config";

    @TempDir
    Path work;

    @Test
    void dockerComposeAcceptsTheFile() {
        Optional<ExternalTool> compose = ExternalTool.find("docker-compose");
        assumePresent(compose.isPresent(), "docker-compose is not installed (Debian package docker-compose): not validated");

        ExternalTool.Result result = compose.get().run(ProjectFiles.root(), "-f", "docker-compose.yml", "config", "-q");

        assertThat(result.succeeded()).as(result.output()).isTrue();
    }

    @Test
    void kafkaIsOneKraftNodeThatTakesTheLargestRecord() {
        YamlNode env = service("kafka").field("environment");
        int brokerLimit = env.field("KAFKA_MESSAGE_MAX_BYTES").integer();

        assertThat(service("kafka").field("image").text()).startsWith("apache/kafka:");
        assertThat(env.field("KAFKA_PROCESS_ROLES").text()).isEqualTo("broker,controller");
        assertThat(brokerLimit).isGreaterThanOrEqualTo(32 * 1024 * 1024);
        assertThat(env.field("KAFKA_REPLICA_FETCH_MAX_BYTES").integer()).isGreaterThanOrEqualTo(brokerLimit);
        assertThat(MailTopics.defaults().all()).allSatisfy(topic ->
                assertThat(topic.maxMessageBytes()).as(topic.name()).isLessThanOrEqualTo(brokerLimit));
        // Topics come from the catalogue only, never from a typo in a consumer.
        assertThat(env.field("KAFKA_AUTO_CREATE_TOPICS_ENABLE").text()).isEqualTo("false");
        assertThat(env.field("KAFKA_ADVERTISED_LISTENERS").text()).contains("INTERNAL://kafka:19092");
    }

    @Test
    void kafkaKeepsItsLogOnANamedVolume() {
        YamlNode kafka = service("kafka");
        String logDir = kafka.at("environment.KAFKA_LOG_DIRS").text();

        assertThat(kafka.field("volumes").items()).extracting(YamlNode::text).contains("kafka-data:" + logDir);
        assertThat(COMPOSE.field("volumes").fields()).containsKey("kafka-data");
        // A fixed cluster id: a new container finds the stored log its own.
        assertThat(kafka.at("environment.CLUSTER_ID").text()).hasSize(22);
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void everyServiceIsHealthCheckedOnItsReadiness(PlatformService platform) {
        YamlNode healthcheck = service(platform.serviceName()).field("healthcheck");
        List<String> test = healthcheck.field("test").items().stream().map(YamlNode::text).toList();

        assertThat(test.subList(0, 3)).containsExactly("CMD", "/bin/bash", "-c");
        assertThat(test.get(3)).contains("/dev/tcp/127.0.0.1/" + platform.httpPort() + " ", "GET /actuator/health/readiness ",
                "\"status\":\"UP\"");
        assertThat(DurationStyle.detectAndParse(healthcheck.field("start_period").text())).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void postgresqlIsVersion17AndHealthChecked() {
        assertThat(service("postgres").field("image").text()).startsWith("postgres:17");
        assertThat(service("postgres").at("healthcheck.test").items()).extracting(YamlNode::text).contains("pg_isready");
    }

    @Test
    void theMigrationRunsOnceWhenPostgresqlIsReady() {
        YamlNode migrate = service("migrate");

        assertThat(migrate.field("command").items()).extracting(YamlNode::text)
                .containsExactly("-cp", "/app/service.jar", "org.mailplatform.store.migration.MigrateDatabase");
        assertThat(migrate.field("build").text()).isEqualTo("./mda-service");
        assertThat(migrate.field("restart").text()).isEqualTo("no");
        assertThat(migrate.at("depends_on.postgres.condition").text()).isEqualTo("service_healthy");
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void servicesStartAfterTheMigrationAndKafka(PlatformService platform) {
        YamlNode service = service(platform.serviceName());

        assertThat(service.at("depends_on.migrate.condition").text()).isEqualTo("service_completed_successfully");
        assertThat(service.at("depends_on.kafka.condition").text()).isEqualTo("service_healthy");
        assertThat(service.at("environment.SPRING_KAFKA_BOOTSTRAP_SERVERS").text()).isEqualTo("kafka:19092");
        assertThat(service.at("environment.SPRING_DATASOURCE_URL").text()).isEqualTo("jdbc:postgresql://postgres:5432/mailplatform");
        assertThat(DurationStyle.detectAndParse(service.field("stop_grace_period").text())).isGreaterThan(Duration.ofSeconds(30));
        assertThat(service.field("build").text()).isEqualTo("./" + platform.serviceName());
        assertThat(ProjectFiles.resolve(platform.serviceName() + "/Dockerfile")).isRegularFile();
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void servicesListenOnTheDevPortsTheyPublish(PlatformService platform) {
        YamlNode service = service(platform.serviceName());
        List<String> published = service.field("ports").items().stream().map(YamlNode::text).toList();
        List<String> expected = new ArrayList<>();
        platform.mailPorts().forEach(p -> expected.add("127.0.0.1:" + p.devPort() + ":" + p.devPort()));
        expected.add("127.0.0.1:" + platform.httpPort() + ":" + platform.httpPort());
        platform.webDevPorts().forEach(p -> expected.add("127.0.0.1:" + p + ":" + p));

        assertThat(published).containsExactlyInAnyOrderElementsOf(expected);
        for (int webPort : platform.webDevPorts()) {
            ServiceConfiguration config = ServiceConfiguration.of(ProjectFiles.read(configFile(service)));
            assertThat(config.string(PlatformService.AUTOCONFIG_PORT_PROPERTY)).isEqualTo(String.valueOf(webPort));
            assertThat(config.string("mailplatform.autoconfig.enabled")).isEqualTo("true");
        }
        if (platform.speaksMail()) {
            Map<String, ListenerProperties> listeners = ServiceConfiguration.of(ProjectFiles.read(configFile(service)))
                    .listeners(platform.listenersProperty());
            assertThat(listeners).hasSameSizeAs(platform.mailPorts());
            for (PlatformService.MailPort port : platform.mailPorts()) {
                assertThat(listeners.get(port.listener()).port()).as(port.listener()).isEqualTo(port.devPort());
                assertThat(listeners.get(port.listener()).tls()).as(port.listener()).isEqualTo(port.tls());
            }
        }
    }

    @Test
    void prometheusScrapesEveryServiceAndLoadsTheChartsAlerts() throws IOException {
        YamlNode config = YamlNode.parse(ProjectFiles.read("docker/prometheus/prometheus.yml"));
        YamlNode job = config.field("scrape_configs").items().getFirst();
        List<String> targets = job.field("static_configs").items().getFirst().field("targets").items().stream()
                .map(YamlNode::text).toList();
        List<String> volumes = service("prometheus").field("volumes").items().stream().map(YamlNode::text).toList();

        assertThat(job.field("metrics_path").text()).isEqualTo("/actuator/prometheus");
        assertThat(targets).containsExactlyInAnyOrder(java.util.Arrays.stream(PlatformService.values())
                .map(s -> s.serviceName() + ":" + s.httpPort()).toArray(String[]::new));
        assertThat(config.field("rule_files").items()).extracting(YamlNode::text).containsExactly("alerts.yml");
        assertThat(volumes).contains(
                "./docker/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                "./helm/mail-platform/files/alerts.yml:/etc/prometheus/alerts.yml:ro");

        Optional<ExternalTool> promtool = ExternalTool.find("promtool");
        assumePresent(promtool.isPresent(), "promtool is not installed (Debian package prometheus): config not checked");
        Files.copy(ProjectFiles.resolve("docker/prometheus/prometheus.yml"), work.resolve("prometheus.yml"));
        Files.copy(ProjectFiles.resolve("helm/mail-platform/files/alerts.yml"), work.resolve("alerts.yml"));
        ExternalTool.Result result = promtool.get().run(work, "check", "config", "prometheus.yml");
        assertThat(result.succeeded()).as(result.output()).isTrue();
    }

    @Test
    void grafanaShowsTheDashboardFromTheProvisionedPrometheus() {
        YamlNode datasource = YamlNode.parse(ProjectFiles.read("docker/grafana/provisioning/datasources/prometheus.yml"))
                .field("datasources").items().getFirst();
        YamlNode provider = YamlNode.parse(ProjectFiles.read("docker/grafana/provisioning/dashboards/mail-platform.yml"))
                .field("providers").items().getFirst();
        List<String> volumes = service("grafana").field("volumes").items().stream().map(YamlNode::text).toList();
        JsonNode dashboard = dashboard();

        assertThat(datasource.field("url").text()).isEqualTo("http://prometheus:9090");
        assertThat(volumes).contains("./docker/grafana/dashboards:" + provider.at("options.path").text() + ":ro");
        assertThat(dashboard.path("panels").values()).allSatisfy(panel -> {
            assertThat(panel.path("datasource").path("uid").asString()).isEqualTo(datasource.field("uid").text());
            assertThat(panel.path("targets").values()).isNotEmpty();
        });
        assertThat(dashboard.path("panels").values()).extracting(p -> p.path("title").asString()).contains(
                "Messages accepted", "Local deliveries", "IMAP connections",
                "Kafka publish latency (acknowledged)", "TLS certificate expires in");
    }

    @Test
    void theDashboardsQueriesAreValidPromQlOnTheServicesMetrics() throws IOException {
        List<String> expressions = new ArrayList<>();
        dashboard().path("panels").values().forEach(panel ->
                panel.path("targets").values().forEach(target -> expressions.add(target.path("expr").asString())));

        assertThat(String.join("\n", expressions)).contains(
                "mail_msa_messages_accepted_total", "mail_mda_deliveries_total", "mail_kernel_connections_active",
                "mail_kafka_publish_seconds_bucket", "mail_tls_certificate_expiry_seconds");
        Optional<ExternalTool> promtool = ExternalTool.find("promtool");
        assumePresent(promtool.isPresent(), "promtool is not installed (Debian package prometheus): queries not parsed");
        // promtool parses expressions only inside rules: each query becomes a recording rule.
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < expressions.size(); i++) {
            rules.append("      - record: dashboard:query").append(i).append('\n')
                    .append("        expr: '").append(expressions.get(i).replace("'", "''")).append("'\n");
        }
        Files.writeString(work.resolve("dashboard-queries.yml"), rules);
        ExternalTool.Result result = promtool.get().run(work, "check", "rules", "dashboard-queries.yml");
        assertThat(result.succeeded()).as(result.output()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void tracingIsOffUnlessAskedForAndThenExportsToTheOptionalCollector(PlatformService platform) {
        YamlNode service = service(platform.serviceName());

        assertThat(service.at("environment.MAILPLATFORM_TRACING_ENABLED").text()).isEqualTo("${MAILPLATFORM_TRACING_ENABLED:-false}");
        assertThat(service.at("environment.MAILPLATFORM_TRACING_OTLP_ENDPOINT").text()).isEqualTo("http://jaeger:4318/v1/traces");
        YamlNode jaeger = service("jaeger");
        assertThat(jaeger.field("profiles").items()).extracting(YamlNode::text).containsExactly("tracing");
        assertThat(jaeger.at("environment.COLLECTOR_OTLP_ENABLED").text()).isEqualTo("true");
    }

    @Test
    void everyPublishedPortIsBoundToLoopback() {
        COMPOSE.field("services").fields().forEach((name, service) ->
                assertThat(service.field("ports").items()).as(name)
                        .allSatisfy(port -> assertThat(port.text()).startsWith("127.0.0.1:")));
    }

    private static JsonNode dashboard() {
        return JsonMapper.builder().build().readTree(ProjectFiles.read("docker/grafana/dashboards/mail-platform.json"));
    }

    private static YamlNode service(String name) {
        YamlNode service = COMPOSE.field("services").field(name);
        assertThat(service.exists()).as("service %s in docker-compose.yml", name).isTrue();
        return service;
    }

    /** The application.yml a compose service mounts into the directory the image reads. */
    private static String configFile(YamlNode service) {
        for (YamlNode volume : service.field("volumes").items()) {
            String[] parts = volume.text().split(":");
            if (parts[1].equals(CONFIG_DIR)) {
                return parts[0].replaceFirst("^\\./", "") + "/application.yml";
            }
        }
        throw new AssertionError("no volume at " + CONFIG_DIR + " in " + service);
    }
}
