package org.mailplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** The chart's switches beyond the defaults render what they promise. */
class OptionalFeaturesTest {

    @Test
    void aCertificateInTheValuesBecomesTheTlsSecretTheServicesMount() {
        Manifests manifests = HelmChart.renderWithValues("""
                tls:
                  create: true
                  certificate: |
                    -----BEGIN CERTIFICATE-----
                    MIIB
                    -----END CERTIFICATE-----
                  key: |
                    -----BEGIN PRIVATE KEY-----
                    MIIE
                    -----END PRIVATE KEY-----
                """);
        K8sObject secret = manifests.get("Secret", "mail-platform-tls");

        assertThat(secret.at("type").text()).isEqualTo("kubernetes.io/tls");
        assertThat(decode(secret.at("data").field("tls.crt").text())).startsWith("-----BEGIN CERTIFICATE-----\nMIIB\n");
        assertThat(decode(secret.at("data").field("tls.key").text())).startsWith("-----BEGIN PRIVATE KEY-----\n");
    }

    @Test
    void creatingTheTlsSecretWithoutACertificateIsRefused() {
        assertThatThrownBy(() -> HelmChart.renderWithValues("tls: {create: true}"))
                .hasMessageContaining("tls.create needs tls.certificate");
    }

    @Test
    void certManagerKeepsTheTlsSecretFilledForTheHostname() {
        K8sObject certificate = HelmChart.renderWithValues("""
                hostname: mx.example.net
                tls:
                  secretName: mail-certificate
                  certManager:
                    enabled: true
                """).get("Certificate", "mail-platform");

        assertThat(certificate.at("spec.secretName").text()).isEqualTo("mail-certificate");
        assertThat(certificate.at("spec.dnsNames").items()).extracting(YamlNode::text).containsExactly("mx.example.net");
        assertThat(certificate.at("spec.issuerRef.kind").text()).isEqualTo("ClusterIssuer");
    }

    @Test
    void theTopicsJobReadsKafkaClientSecurityFromASecret() {
        K8sObject job = HelmChart.renderWithValues("""
                helmHooks: false
                kafka:
                  topicsJob:
                    commandConfigSecret: kafka-client
                """).get("Job", "mail-platform-topics");
        YamlNode pod = job.at("spec.template.spec");
        YamlNode container = pod.field("containers").items().getFirst();

        assertThat(pod.field("volumes").itemWith("name", "client-config").at("secret.secretName").text()).isEqualTo("kafka-client");
        assertThat(container.field("volumeMounts").itemWith("name", "client-config").field("mountPath").text())
                .isEqualTo("/etc/kafka-client");
        assertThat(container.field("args").items().getFirst().text()).contains("--command-config /etc/kafka-client/client.properties");
    }

    @Test
    void anyServicePropertyCanBeSetFromTheValues() {
        Manifests manifests = HelmChart.renderWithValues("""
                config:
                  mailplatform:
                    kernel:
                      max-connections-per-address: 5
                services:
                  imap-gateway:
                    config:
                      mailplatform:
                        imap:
                          idle-timeout: 45m
                    env:
                      - name: JDK_JAVA_OPTIONS
                        value: -Xss512k
                """);
        ServiceConfiguration imap = ServiceConfiguration.of(manifests.get("ConfigMap", PlatformService.IMAP.objectName()));
        ServiceConfiguration pop3 = ServiceConfiguration.of(manifests.get("ConfigMap", PlatformService.POP3.objectName()));

        assertThat(imap.bind("mailplatform.imap.idle-timeout", Duration.class)).isEqualTo(Duration.ofMinutes(45));
        assertThat(imap.string("mailplatform.kernel.max-connections-per-address")).isEqualTo("5");
        assertThat(pop3.string("mailplatform.kernel.max-connections-per-address")).isEqualTo("5");
        assertThat(pop3.string("mailplatform.imap.idle-timeout")).isNull();
        // The chart's own settings survive next to the operator's.
        assertThat(imap.listeners(PlatformService.IMAP.listenersProperty())).hasSize(3);
        assertThat(manifests.get("Deployment", PlatformService.IMAP.objectName()).at("spec.template.spec.containers")
                .items().getFirst().field("env").itemWith("name", "JDK_JAVA_OPTIONS").field("value").text())
                .isEqualTo("-Xss512k");
    }

    @Test
    void tracingTurnsOnInEveryServiceWithTheCollectorsEndpoint() {
        Manifests manifests = HelmChart.renderWithValues("""
                tracing:
                  enabled: true
                  otlpEndpoint: http://otel-collector.observability:4318/v1/traces
                  samplingProbability: 0.5
                """);
        for (PlatformService service : PlatformService.values()) {
            ServiceConfiguration config = ServiceConfiguration.of(manifests.get("ConfigMap", service.objectName()));
            assertThat(config.string("mailplatform.tracing.enabled")).as(service.name()).isEqualTo("true");
            assertThat(config.string("mailplatform.tracing.otlp-endpoint")).as(service.name())
                    .isEqualTo("http://otel-collector.observability:4318/v1/traces");
            assertThat(config.string("mailplatform.tracing.sampling-probability")).as(service.name()).isEqualTo("0.5");
        }
    }

    @Test
    void tracingIsOffByDefaultAndNeedsAnEndpointWhenOn() {
        ServiceConfiguration msa = ServiceConfiguration.of(HelmChart.defaults().get("ConfigMap", PlatformService.MSA.objectName()));
        assertThat(msa.string("mailplatform.tracing.enabled")).isNull();
        assertThatThrownBy(() -> HelmChart.renderWithValues("tracing: {enabled: true}"))
                .hasMessageContaining("tracing.enabled needs tracing.otlpEndpoint");
        assertThatThrownBy(() -> HelmChart.renderWithValues("tracing: {enabled: true, otlpEndpoint: collector:4318}"))
                .hasMessageContaining("otlpEndpoint");
    }

    @Test
    void aGatewayWithoutAutoscalingKeepsAFixedReplicaCount() {
        Manifests manifests = HelmChart.renderWithValues("""
                services:
                  imap-gateway:
                    replicas: 4
                    autoscaling:
                      enabled: false
                """);

        assertThat(manifests.find("HorizontalPodAutoscaler", PlatformService.IMAP.objectName())).isEmpty();
        assertThat(manifests.get("Deployment", PlatformService.IMAP.objectName()).at("spec.replicas").integer()).isEqualTo(4);
    }

    @Test
    void aServiceCanBeLeftOut() {
        Manifests manifests = HelmChart.renderWithValues("services: {pop3-gateway: {enabled: false}}");

        assertThat(manifests.all()).noneMatch(o -> o.name().startsWith(PlatformService.POP3.objectName()));
        assertThat(manifests.ofKind("Deployment")).hasSize(4);
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
