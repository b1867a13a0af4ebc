package org.mailplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's values for real clusters: its schema, image coordinates and registries, pod identity
 * (ServiceAccount, fixed or assigned UIDs), extra volumes, NetworkPolicies, one load balancer
 * address for every mail port, and the Prometheus Operator's label handling.
 */
class DeploymentOptionsTest {

    @TempDir
    Path work;

    @Test
    void theSchemaFailsLintOnAPortGivenAsAString() throws IOException {
        Path chart = copyOfChart();
        Path values = chart.resolve("values.yaml");
        String original = Files.readString(values);
        assertThat(original).contains("    httpPort: 8081\n");
        Files.writeString(values, original.replace("    httpPort: 8081\n", "    httpPort: \"8081\"\n"));

        LintResult lint = new Helm(chart).lint().strict().call();

        assertThat(lint.isFailed()).as("helm lint: %s", lint.getMessages()).isTrue();
        assertThat(String.join("\n", lint.getMessages())).contains("httpPort").contains("integer");
    }

    @Test
    void theSchemaRefusesBadValuesAtInstall() {
        assertThatThrownBy(() -> HelmChart.renderWithValues("services: {imap-gateway: {listeners: {imaps: {containerPort: \"10993\"}}}}"))
                .hasMessageContaining("containerPort");
        assertThatThrownBy(() -> HelmChart.renderWithValues("services: {msa-service: {listeners: {submission: {tls: starttls}}}}"))
                .hasMessageContaining("tls");
        // A misspelled top-level key is refused rather than silently ignored.
        assertThatThrownBy(() -> HelmChart.renderWithValues("imagePullSecret: [{name: regcred}]"))
                .hasMessageContaining("imagePullSecret");
        assertThatThrownBy(() -> HelmChart.renderWithValues("image: {pullPolicy: Sometimes}")).hasMessageContaining("pullPolicy");
    }

    @Test
    void theImagePullPolicyFollowsTheTag() {
        assertThat(pullPolicies(HelmChart.render(Map.of("helmHooks", "false")))).containsOnly("Always");
        assertThat(pullPolicies(HelmChart.render(Map.of("helmHooks", "false", "image.tag", "latest")))).containsOnly("Always");
        assertThat(pullPolicies(HelmChart.render(Map.of("helmHooks", "false", "image.tag", "1.4.2")))).containsOnly("IfNotPresent");
        assertThat(pullPolicies(HelmChart.render(Map.of("helmHooks", "false", "image.pullPolicy", "Never")))).containsOnly("Never");
    }

    @Test
    void aRegistryMirrorAndPullSecretsReachEveryPodTheTopicsJobIncluded() {
        Manifests manifests = HelmChart.renderWithValues("""
                helmHooks: false
                global:
                  imageRegistry: mirror.example.net
                imagePullSecrets:
                  - name: mirror-credentials
                """);

        List<YamlNode> pods = podSpecs(manifests);
        assertThat(pods).hasSize(PlatformService.values().length + 2);
        for (YamlNode pod : pods) {
            assertThat(pod.field("containers").items().getFirst().field("image").text()).startsWith("mirror.example.net/");
            assertThat(pod.field("imagePullSecrets").items()).extracting(i -> i.field("name").text()).containsExactly("mirror-credentials");
        }
        assertThat(image(manifests.get("Job", "mail-platform-topics"))).isEqualTo("mirror.example.net/apache/kafka:4.1.1");
        assertThat(image(manifests.get("Deployment", PlatformService.MSA.objectName())))
                .isEqualTo("mirror.example.net/mailplatform/mailplatform-msa-service:0.1.0-SNAPSHOT");
        assertThat(image(HelmChart.render(HooksTest.WITHOUT_HOOKS).get("Job", "mail-platform-topics"))).isEqualTo("docker.io/apache/kafka:4.1.1");
    }

    @Test
    void withoutFixedIdsThePlatformAssignsTheUser() {
        Manifests fixed = HelmChart.render(HooksTest.WITHOUT_HOOKS);
        Manifests assigned = HelmChart.renderWithValues("""
                helmHooks: false
                podSecurity:
                  runAsUser: null
                  runAsGroup: null
                  fsGroup: null
                kafka:
                  topicsJob:
                    runAsUser: null
                """);

        for (YamlNode pod : podSpecs(fixed)) {
            assertThat(pod.at("securityContext.runAsUser").exists()).isTrue();
        }
        assertThat(fixed.get("Deployment", PlatformService.IMAP.objectName()).at("spec.template.spec.securityContext.runAsUser").integer())
                .isEqualTo(10001);
        for (YamlNode pod : podSpecs(assigned)) {
            YamlNode context = pod.field("securityContext");
            assertThat(context.field("runAsUser").exists()).isFalse();
            assertThat(context.field("runAsGroup").exists()).isFalse();
            assertThat(context.field("fsGroup").exists()).isFalse();
            assertThat(context.field("runAsNonRoot").raw()).isEqualTo(true);
        }
    }

    @Test
    void theServicesRunUnderTheirServiceAccountWithoutAToken() {
        Manifests manifests = HelmChart.render(HooksTest.WITHOUT_HOOKS);
        K8sObject account = manifests.get("ServiceAccount", "mail-platform");

        assertThat(account.at("automountServiceAccountToken").raw()).isEqualTo(false);
        for (K8sObject deployment : manifests.ofKind("Deployment")) {
            assertThat(deployment.at("spec.template.spec.serviceAccountName").text()).isEqualTo("mail-platform");
            assertThat(deployment.at("spec.template.spec.automountServiceAccountToken").raw()).isEqualTo(false);
        }
        for (K8sObject job : manifests.ofKind("Job")) {
            assertThat(job.at("spec.template.spec.serviceAccountName").text()).isEqualTo("mail-platform");
        }

        Manifests existing = HelmChart.render(Map.of("helmHooks", "false", "serviceAccount.create", "false", "serviceAccount.name", "mail-sa"));
        assertThat(existing.ofKind("ServiceAccount")).isEmpty();
        for (YamlNode pod : podSpecs(existing)) {
            assertThat(pod.field("serviceAccountName").text()).isEqualTo("mail-sa");
        }
    }

    @Test
    void extraVolumesAreMountedInEveryService() {
        Manifests manifests = HelmChart.renderWithValues("""
                extraVolumes:
                  - name: kafka-truststore
                    secret:
                      secretName: kafka-ca
                extraVolumeMounts:
                  - name: kafka-truststore
                    mountPath: /etc/kafka-ca
                    readOnly: true
                """);

        for (K8sObject deployment : manifests.ofKind("Deployment")) {
            YamlNode pod = deployment.at("spec.template.spec");
            assertThat(pod.field("volumes").itemWith("name", "kafka-truststore").at("secret.secretName").text()).isEqualTo("kafka-ca");
            YamlNode mount = pod.field("containers").items().getFirst().field("volumeMounts").itemWith("name", "kafka-truststore");
            assertThat(mount.field("mountPath").text()).isEqualTo("/etc/kafka-ca");
            // The chart's own mounts stay.
            assertThat(pod.field("containers").items().getFirst().field("volumeMounts").itemWith("name", "config").exists()).isTrue();
        }
    }

    @Test
    void networkPoliciesOpenTheMailPortsAndTheHttpPortOnly() {
        assertThat(HelmChart.defaults().ofKind("NetworkPolicy")).as("off by default").isEmpty();
        Manifests manifests = HelmChart.renderWithValues("""
                networkPolicy:
                  enabled: true
                  httpFrom:
                    - namespaceSelector:
                        matchLabels:
                          kubernetes.io/metadata.name: monitoring
                """);

        for (PlatformService service : PlatformService.values()) {
            K8sObject policy = manifests.get("NetworkPolicy", service.objectName());
            Map<String, String> podLabels = DeploymentsTest.deploymentObject(service).at("spec.template.metadata.labels").strings();
            assertThat(podLabels.entrySet()).containsAll(policy.at("spec.podSelector.matchLabels").strings().entrySet());
            assertThat(policy.at("spec.policyTypes").items()).extracting(YamlNode::text).containsExactly("Ingress");
            List<YamlNode> rules = policy.at("spec.ingress").items();
            YamlNode http = rules.getLast();
            assertThat(http.field("ports").items()).extracting(p -> p.field("port").integer()).containsExactly(service.httpPort());
            assertThat(http.field("from").items()).hasSize(2);
            assertThat(http.field("from").items().getFirst().at("podSelector.matchLabels").strings())
                    .containsEntry("app.kubernetes.io/instance", HelmChart.RELEASE);
            if (service.speaksMail()) {
                YamlNode mail = rules.getFirst();
                assertThat(mail.field("from").exists()).as("mail from anyone").isFalse();
                assertThat(mail.field("ports").items()).extracting(p -> p.field("port").integer())
                        .containsExactlyInAnyOrderElementsOf(service.mailPorts().stream().map(PlatformService.MailPort::devPort).toList());
            } else {
                assertThat(rules).hasSize(1);
            }
        }
    }

    @Test
    void oneLoadBalancerAddressCanServeEveryMailPort() {
        Manifests manifests = HelmChart.renderWithValues("""
                mailService:
                  single: true
                  loadBalancerIP: 203.0.113.25
                """);
        K8sObject mail = manifests.get("Service", "mail-platform-mail");

        assertThat(mail.at("spec.type").text()).isEqualTo("LoadBalancer");
        assertThat(mail.at("spec.loadBalancerIP").text()).isEqualTo("203.0.113.25");
        assertThat(mail.at("spec.ports").items()).extracting(p -> p.field("port").integer())
                .containsExactlyInAnyOrder(587, 465, 2525, 25, 110, 995, 143, 993, 4190);
        for (YamlNode port : mail.at("spec.ports").items()) {
            assertThat(port.field("targetPort").text()).isEqualTo(port.field("name").text());
        }
        Map<String, String> selector = mail.at("spec.selector").strings();
        for (PlatformService service : PlatformService.values()) {
            assertThat(manifests.find("Service", service.objectName() + "-mail")).isEmpty();
            Map<String, String> podLabels = manifests.get("Deployment", service.objectName()).at("spec.template.metadata.labels").strings();
            // Each pod is an endpoint of the ports it names: the MDA has none and is not selected.
            assertThat(podLabels.entrySet().containsAll(selector.entrySet())).as(service.serviceName()).isEqualTo(service.speaksMail());
        }
    }

    @Test
    void aServicesOwnLoadBalancerCanHaveAFixedAddress() {
        Manifests manifests = HelmChart.render(Map.of("services.mta-service.loadBalancerIP", "203.0.113.26"));

        assertThat(manifests.get("Service", PlatformService.MTA.objectName() + "-mail").at("spec.loadBalancerIP").text()).isEqualTo("203.0.113.26");
        assertThat(manifests.get("Service", PlatformService.MSA.objectName() + "-mail").at("spec.loadBalancerIP").exists()).isFalse();
    }

    @Test
    void theServiceMonitorKeepsTheServicesOwnServiceLabel() {
        K8sObject monitor = HelmChart.render(Map.of("metrics.serviceMonitor.enabled", "true")).get("ServiceMonitor", "mail-platform");

        assertThat(monitor.at("spec.endpoints").items().getFirst().field("honorLabels").raw()).isEqualTo(true);
        // Why: the rules group by the services' `service` label, which the operator's target label of
        // the same name would otherwise replace.
        assertThat(ProjectFiles.read("helm/mail-platform/files/alerts.yml")).contains("by (service)");
    }

    private static List<String> pullPolicies(Manifests manifests) {
        List<String> policies = new ArrayList<>();
        for (K8sObject object : Stream.concat(manifests.ofKind("Deployment").stream(), Stream.of(manifests.get("Job", "mail-platform-migrate"))).toList()) {
            policies.add(object.at("spec.template.spec.containers").items().getFirst().field("imagePullPolicy").text());
        }
        return policies;
    }

    private static List<YamlNode> podSpecs(Manifests manifests) {
        return Stream.concat(manifests.ofKind("Deployment").stream(), manifests.ofKind("Job").stream())
                .map(o -> o.at("spec.template.spec")).toList();
    }

    private static String image(K8sObject workload) {
        return workload.at("spec.template.spec.containers").items().getFirst().field("image").text();
    }

    private Path copyOfChart() throws IOException {
        Path source = ProjectFiles.chart();
        Path target = work.resolve("mail-platform");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }
}
