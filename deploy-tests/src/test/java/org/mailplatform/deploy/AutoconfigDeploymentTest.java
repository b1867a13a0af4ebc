package org.mailplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Client autoconfiguration in the chart: off by default; when on, the MSA's port, its Service and the Ingress. */
class AutoconfigDeploymentTest {

    private static final String SERVICE = PlatformService.MSA.objectName() + "-autoconfig";

    @Test
    void offByDefault() {
        Manifests manifests = HelmChart.defaults();

        assertThat(manifests.ofKind("Ingress")).isEmpty();
        assertThat(manifests.find("Service", SERVICE)).isEmpty();
        assertThat(ServiceConfiguration.of(manifests.get("ConfigMap", PlatformService.MSA.objectName()))
                .string("mailplatform.autoconfig.enabled")).isNull();
    }

    @Test
    void theIngressTakesBothNamesOfEveryDomainToTheMsasPlainHttpPort() {
        Manifests manifests = HelmChart.renderWithValues("""
                autoconfig:
                  enabled: true
                  smtpHost: smtp.example.org
                  ingress:
                    enabled: true
                    className: nginx
                    domains: [example.org, Example.NET]
                    tlsSecretName: autoconfig-tls
                services:
                  pop3-gateway:
                    enabled: false
                networkPolicy:
                  enabled: true
                """);
        K8sObject ingress = manifests.get("Ingress", SERVICE);
        List<String> hosts = List.of("autoconfig.example.org", "autodiscover.example.org", "autoconfig.example.net", "autodiscover.example.net");

        assertThat(ingress.at("spec.ingressClassName").text()).isEqualTo("nginx");
        assertThat(ingress.at("spec.rules").items()).extracting(rule -> rule.field("host").text()).containsExactlyElementsOf(hosts);
        for (YamlNode rule : ingress.at("spec.rules").items()) {
            YamlNode backend = rule.at("http.paths").items().getFirst().field("backend");
            assertThat(backend.at("service.name").text()).isEqualTo(SERVICE);
            assertThat(backend.at("service.port.name").text()).isEqualTo("autoconfig");
        }
        YamlNode tls = ingress.at("spec.tls").items().getFirst();
        assertThat(tls.field("secretName").text()).isEqualTo("autoconfig-tls");
        assertThat(tls.field("hosts").items()).extracting(YamlNode::text).containsExactlyElementsOf(hosts);

        YamlNode servicePort = manifests.get("Service", SERVICE).at("spec.ports").itemWith("name", "autoconfig");
        assertThat(servicePort.field("port").integer()).isEqualTo(80);
        assertThat(servicePort.field("targetPort").text()).isEqualTo("autoconfig");
        int containerPort = manifests.get("Deployment", PlatformService.MSA.objectName())
                .at("spec.template.spec.containers").itemWith("name", PlatformService.MSA.serviceName()).field("ports")
                .itemWith("name", "autoconfig").field("containerPort").integer();
        assertThat(List.of(containerPort)).isEqualTo(PlatformService.MSA.webDevPorts());

        ServiceConfiguration msa = ServiceConfiguration.of(manifests.get("ConfigMap", PlatformService.MSA.objectName()));
        assertThat(msa.string("mailplatform.autoconfig.enabled")).isEqualTo("true");
        assertThat(msa.string(PlatformService.AUTOCONFIG_PORT_PROPERTY)).isEqualTo(String.valueOf(containerPort));
        // TLS ends at the Ingress.
        assertThat(msa.string("mailplatform.autoconfig.tls")).isEqualTo("false");
        assertThat(msa.string("mailplatform.autoconfig.smtp-host")).isEqualTo("smtp.example.org");
        assertThat(msa.string("mailplatform.autoconfig.imap-host")).isNull();
        // Clients are told the public ports of the chart's own listeners; POP3 is switched off here.
        assertThat(msa.string("mailplatform.autoconfig.ports.imaps")).isEqualTo("993");
        assertThat(msa.string("mailplatform.autoconfig.ports.imap")).isEqualTo("143");
        assertThat(msa.string("mailplatform.autoconfig.ports.submissions")).isEqualTo("465");
        assertThat(msa.string("mailplatform.autoconfig.ports.submission")).isEqualTo("587");
        assertThat(msa.string("mailplatform.autoconfig.ports.pop3s")).isEqualTo("0");
        assertThat(msa.string("mailplatform.autoconfig.ports.pop3")).isEqualTo("0");

        // The port is public like the mail ports: a NetworkPolicy rule with no `from`.
        YamlNode rule = manifests.get("NetworkPolicy", PlatformService.MSA.objectName()).at("spec.ingress").items().stream()
                .filter(r -> r.field("ports").items().stream().anyMatch(p -> p.field("port").integer() == containerPort))
                .findFirst().orElseThrow();
        assertThat(rule.field("from").exists()).isFalse();
    }

    @Test
    void theIngressNeedsDomains() {
        assertThatThrownBy(() -> HelmChart.renderWithValues("autoconfig: {enabled: true, ingress: {enabled: true}}"))
                .hasMessageContaining("autoconfig.ingress.enabled needs autoconfig.ingress.domains");
    }
}
