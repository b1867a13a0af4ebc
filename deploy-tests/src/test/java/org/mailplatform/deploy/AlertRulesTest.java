package org.mailplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The alert rules (helm/mail-platform/files/alerts.yml), checked and unit-tested by promtool when it
 * is installed (Debian package prometheus), and the Prometheus Operator objects that carry them.
 */
class AlertRulesTest {

    private static final String ALERTS = "helm/mail-platform/files/alerts.yml";
    private static final Map<String, Object> WITH_OPERATOR_OBJECTS = Map.of(
            "metrics.serviceMonitor.enabled", "true", "metrics.prometheusRule.enabled", "true");

    @TempDir
    Path work;

    @Test
    void promtoolAcceptsTheRules() {
        ExternalTool.Result result = promtool().run(ProjectFiles.root(), "check", "rules", ALERTS);

        assertThat(result.succeeded()).as(result.output()).isTrue();
        assertThat(result.output()).contains("SUCCESS: 13 rules found");
    }

    @Test
    void alertsFireOnTheSeriesTheyAreMeantFor() throws IOException {
        ExternalTool promtool = promtool();
        Files.copy(ProjectFiles.resolve(ALERTS), work.resolve("alerts.yml"));
        try (InputStream tests = Objects.requireNonNull(getClass().getResourceAsStream("/prometheus/alerts-test.yml"))) {
            Files.copy(tests, work.resolve("alerts-test.yml"));
        }

        ExternalTool.Result result = promtool.run(work, "test", "rules", "alerts-test.yml");

        assertThat(result.succeeded()).as(result.output()).isTrue();
    }

    /** An alert without a unit test that makes it fire could watch a series that never crosses its threshold. */
    @Test
    @SuppressWarnings("unchecked")
    void everyAlertHasAUnitTestInWhichItFires() throws IOException {
        Map<String, Object> rules = new Yaml().load(ProjectFiles.read(ALERTS));
        List<String> alerts = ((List<Map<String, Object>>) rules.get("groups")).stream()
                .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
                .map(rule -> (String) rule.get("alert"))
                .filter(Objects::nonNull)
                .toList();
        Map<String, Object> unitTests;
        try (InputStream tests = Objects.requireNonNull(getClass().getResourceAsStream("/prometheus/alerts-test.yml"))) {
            unitTests = new Yaml().load(tests);
        }
        Set<String> firing = ((List<Map<String, Object>>) unitTests.get("tests")).stream()
                .flatMap(test -> ((List<Map<String, Object>>) test.get("alert_rule_test")).stream())
                .filter(check -> !((List<?>) check.getOrDefault("exp_alerts", List.of())).isEmpty())
                .map(check -> (String) check.get("alertname"))
                .collect(Collectors.toSet());

        assertThat(alerts).hasSize(13).allSatisfy(alert -> assertThat(firing).as("alerts-test.yml fires " + alert).contains(alert));
    }

    @Test
    void thePrometheusRuleCarriesTheSameRules() throws IOException {
        K8sObject rule = HelmChart.render(WITH_OPERATOR_OBJECTS).get("PrometheusRule", "mail-platform");
        Object fromFile = new Yaml().load(ProjectFiles.read(ALERTS));

        assertThat(rule.at("spec").raw()).isEqualTo(fromFile);
        Optional<ExternalTool> promtool = ExternalTool.find("promtool");
        if (promtool.isPresent()) {
            Path extracted = work.resolve("prometheusrule.yml");
            Files.writeString(extracted, new Yaml().dump(rule.at("spec").raw()));
            ExternalTool.Result result = promtool.get().run(work, "check", "rules", extracted.toString());
            assertThat(result.succeeded()).as(result.output()).isTrue();
        }
    }

    @Test
    void theServiceMonitorScrapesEveryServicesHttpPort() {
        Manifests manifests = HelmChart.render(WITH_OPERATOR_OBJECTS);
        K8sObject monitor = manifests.get("ServiceMonitor", "mail-platform");
        Map<String, String> selector = monitor.at("spec.selector.matchLabels").strings();
        YamlNode endpoint = monitor.at("spec.endpoints").items().getFirst();

        assertThat(endpoint.field("path").text()).isEqualTo("/actuator/prometheus");
        // The alerts' up{job="msa-service"} etc.: the component label holds the service's name.
        assertThat(monitor.at("spec.jobLabel").text()).isEqualTo("app.kubernetes.io/component");
        assertThat(endpoint.field("port").text()).isEqualTo("http");
        assertThat(manifests.ofKind("Service").stream()
                .filter(s -> s.labels().entrySet().containsAll(selector.entrySet()))
                .map(K8sObject::name))
                .containsExactlyInAnyOrder(java.util.Arrays.stream(PlatformService.values())
                        .map(PlatformService::objectName).toArray(String[]::new));
    }

    @Test
    void operatorObjectsAreOffByDefault() {
        assertThat(HelmChart.defaults().ofKind("ServiceMonitor")).isEmpty();
        assertThat(HelmChart.defaults().ofKind("PrometheusRule")).isEmpty();
    }

    private static ExternalTool promtool() {
        Optional<ExternalTool> promtool = ExternalTool.find("promtool");
        assumePresent(promtool.isPresent(), "promtool is not installed (Debian package prometheus): rules not checked");
        return promtool.get();
    }
}
