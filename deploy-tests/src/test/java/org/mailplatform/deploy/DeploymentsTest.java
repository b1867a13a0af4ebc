package org.mailplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailplatform.protocolservice.TlsProperties;

/** The Deployment of every service, rendered with the chart's default values. */
class DeploymentsTest {

    /** spring.lifecycle.timeout-per-shutdown-phase and mailplatform.kernel.shutdown-grace-period. */
    private static final Duration SERVICE_SHUTDOWN = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void runsTheImageBuiltFromTheServicesDockerfile(PlatformService service) {
        YamlNode container = container(service);

        assertThat(container.field("name").text()).isEqualTo(service.serviceName());
        // Where the release workflow publishes it; a SNAPSHOT is rebuilt under its name, so always pulled.
        assertThat(container.field("image").text()).isEqualTo("ghcr.io/mailplatform/mailplatform-" + service.serviceName() + ":0.1.0-SNAPSHOT");
        assertThat(container.field("imagePullPolicy").text()).isEqualTo("Always");
        assertThat(ProjectFiles.resolve(service.serviceName() + "/Dockerfile")).isRegularFile();
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void probesAskTheActuatorHealthGroupsOnTheHttpPort(PlatformService service) {
        YamlNode container = container(service);

        assertThat(container.at("livenessProbe.httpGet.path").text()).isEqualTo("/actuator/health/liveness");
        assertThat(container.at("readinessProbe.httpGet.path").text()).isEqualTo("/actuator/health/readiness");
        assertThat(container.at("startupProbe.httpGet.path").text()).isEqualTo("/actuator/health/liveness");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(container.at(probe + ".httpGet.port").text()).isEqualTo("http");
        }
        assertThat(container.field("ports").itemWith("name", "http").field("containerPort").integer())
                .isEqualTo(service.httpPort());
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void httpPortIsTheOneTheServiceIsBuiltWith(PlatformService service) {
        YamlNode applicationYml = YamlNode.parse(
                ProjectFiles.read(service.serviceName() + "/src/main/resources/application.yml"));

        assertThat(applicationYml.at("server.port").integer()).isEqualTo(service.httpPort());
        assertThat(container(service).field("env").itemWith("name", "SERVER_PORT").field("value").integer())
                .isEqualTo(service.httpPort());
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void requestsCpuAndMemoryAndLimitsMemory(PlatformService service) {
        YamlNode resources = container(service).field("resources");

        assertThat(resources.at("requests.cpu").exists()).isTrue();
        assertThat(resources.at("requests.memory").exists()).isTrue();
        // MaxRAMPercentage in the image sizes the heap from this limit.
        assertThat(resources.at("limits.memory").exists()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void sessionsMayFinishBeforeThePodIsKilled(PlatformService service) {
        YamlNode pod = deployment(service).at("spec.template.spec");
        List<YamlNode> preStop = container(service).at("lifecycle.preStop.exec.command").items();
        int preStopSeconds = Integer.parseInt(preStop.get(1).text());

        assertThat(preStop.getFirst().text()).isEqualTo("sleep");
        assertThat(pod.field("terminationGracePeriodSeconds").integer())
                .isGreaterThan(preStopSeconds + (int) SERVICE_SHUTDOWN.toSeconds());
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void runsAsNonRootOnAReadOnlyRootFileSystem(PlatformService service) {
        YamlNode pod = deployment(service).at("spec.template.spec");
        YamlNode container = container(service);

        assertThat(pod.at("securityContext.runAsNonRoot").raw()).isEqualTo(true);
        assertThat(pod.at("securityContext.runAsUser").integer()).isPositive();
        assertThat(container.at("securityContext.readOnlyRootFilesystem").raw()).isEqualTo(true);
        assertThat(container.at("securityContext.allowPrivilegeEscalation").raw()).isEqualTo(false);
        assertThat(container.at("securityContext.capabilities.drop").items()).extracting(YamlNode::text).contains("ALL");
        // Tomcat and Netty write below /tmp.
        assertThat(container.field("volumeMounts").itemWith("mountPath", "/tmp").exists()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = PlatformService.class, names = "MDA", mode = EnumSource.Mode.EXCLUDE)
    void mailServicesReadTheirCertificateFromTheMountedTlsSecret(PlatformService service) {
        YamlNode pod = deployment(service).at("spec.template.spec");
        YamlNode tlsVolume = pod.field("volumes").itemWith("name", "tls");
        YamlNode tlsMount = container(service).field("volumeMounts").itemWith("name", "tls");
        TlsProperties tls = configuration(service).bind("mailplatform.tls", TlsProperties.class);

        assertThat(tlsVolume.at("secret.secretName").text()).isEqualTo("mail-platform-tls");
        // A subPath mount would never see a renewed certificate.
        assertThat(tlsMount.field("subPath").exists()).isFalse();
        assertThat(tlsMount.field("mountPath").text()).isEqualTo(tls.certificateDir());
    }

    @Test
    void theMdaHasNoMailPortAndNoCertificate() {
        YamlNode pod = deployment(PlatformService.MDA).at("spec.template.spec");

        assertThat(pod.field("volumes").items()).extracting(v -> v.field("name").text()).doesNotContain("tls");
        assertThat(container(PlatformService.MDA).field("ports").items()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void databaseAndKafkaComeFromValuesAndTheDatabaseSecret(PlatformService service) {
        YamlNode env = container(service).field("env");

        assertThat(env.itemWith("name", "SPRING_DATASOURCE_URL").field("value").text())
                .isEqualTo("jdbc:postgresql://postgresql:5432/mailplatform");
        assertThat(env.itemWith("name", "SPRING_DATASOURCE_USERNAME").field("value").text()).isEqualTo("mailplatform");
        assertThat(env.itemWith("name", "SPRING_DATASOURCE_PASSWORD").at("valueFrom.secretKeyRef.name").text())
                .isEqualTo("mail-platform-database");
        assertThat(env.itemWith("name", "SPRING_KAFKA_BOOTSTRAP_SERVERS").field("value").text()).isEqualTo("kafka:9092");
    }

    @Test
    void theMdaReadsItsAdminTokenFromASecret() {
        YamlNode token = container(PlatformService.MDA).field("env").itemWith("name", "MAILPLATFORM_ADMIN_TOKEN");

        assertThat(token.at("valueFrom.secretKeyRef.name").text()).isEqualTo("mail-platform-admin-token");
        assertThat(token.at("valueFrom.secretKeyRef.key").text()).isEqualTo("token");
        assertThat(HelmChart.defaults().find("Secret", "mail-platform-admin-token"))
                .as("no token in the values: the operator makes the Secret").isEmpty();
    }

    @Test
    void anAdminTokenInTheValuesBecomesTheSecretTheMdaReads() {
        Manifests manifests = HelmChart.render(Map.of("adminToken.value", "s3cret-token"));

        K8sObject secret = manifests.get("Secret", "mail-platform-admin-token");
        assertThat(secret.at("data.token").text()).isEqualTo("czNjcmV0LXRva2Vu");
    }

    @Test
    void theMdaAndTheMtaShareOneSrsSecretAndNoOtherServiceReadsIt() {
        for (PlatformService service : PlatformService.values()) {
            boolean reads = container(service).field("env").items().stream()
                    .anyMatch(e -> e.field("name").text().equals("MAILPLATFORM_SRS_SECRETS"));
            assertThat(reads).as(service.serviceName())
                    .isEqualTo(service == PlatformService.MDA || service == PlatformService.MTA);
        }
        for (PlatformService service : List.of(PlatformService.MDA, PlatformService.MTA)) {
            YamlNode secrets = container(service).field("env").itemWith("name", "MAILPLATFORM_SRS_SECRETS");
            assertThat(secrets.at("valueFrom.secretKeyRef.name").text()).isEqualTo("mail-platform-srs");
            assertThat(secrets.at("valueFrom.secretKeyRef.key").text()).isEqualTo("secrets");
            assertThat(secrets.at("valueFrom.secretKeyRef.optional").exists())
                    .as("required: the services refuse to start without a secret").isFalse();
        }
        assertThat(HelmChart.defaults().find("Secret", "mail-platform-srs"))
                .as("no secret in the values: the operator makes the Secret").isEmpty();
        K8sObject made = HelmChart.render(Map.of("srs.value", "s3cret")).get("Secret", "mail-platform-srs");
        assertThat(made.at("data.secrets").text()).isEqualTo("czNjcmV0");
    }

    @Test
    void aChangedConfigurationRollsThePods() {
        String before = deployment(PlatformService.IMAP).at("spec.template.metadata.annotations").field("checksum/config").text();
        String after = HelmChart.render(Map.of("hostname", "mx.example.net"))
                .get("Deployment", PlatformService.IMAP.objectName())
                .at("spec.template.metadata.annotations").field("checksum/config").text();

        assertThat(after).isNotEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void everyServiceReadsTheHostnameFromItsConfigMap(PlatformService service) {
        YamlNode mounts = container(service).field("volumeMounts");

        assertThat(mounts.itemWith("name", "config").field("mountPath").text()).isEqualTo("/etc/mailplatform/config");
        assertThat(configuration(service).string("mailplatform.hostname")).isEqualTo("mail.example.org");
    }

    static K8sObject deploymentObject(PlatformService service) {
        return HelmChart.defaults().get("Deployment", service.objectName());
    }

    private static YamlNode deployment(PlatformService service) {
        return deploymentObject(service).node();
    }

    static YamlNode container(PlatformService service) {
        return deploymentObject(service).at("spec.template.spec.containers").itemWith("name", service.serviceName());
    }

    static ServiceConfiguration configuration(PlatformService service) {
        return ServiceConfiguration.of(HelmChart.defaults().get("ConfigMap", service.objectName()));
    }
}
