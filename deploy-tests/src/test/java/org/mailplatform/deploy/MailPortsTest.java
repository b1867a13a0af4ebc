package org.mailplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailplatform.protocolservice.KernelProperties;
import org.mailplatform.protocolservice.ListenerProperties;

/** Mail ports: what the services listen on in the pod, and what the world sees on the Services. */
class MailPortsTest {

    @ParameterizedTest
    @EnumSource(value = PlatformService.class, names = "MDA", mode = EnumSource.Mode.EXCLUDE)
    void theServiceListensWhereTheContainerPortsAreWithTheDesignedTlsModes(PlatformService service) {
        Map<String, ListenerProperties> listeners =
                DeploymentsTest.configuration(service).listeners(service.listenersProperty());
        YamlNode containerPorts = DeploymentsTest.container(service).field("ports");

        assertThat(listeners.keySet()).containsExactlyInAnyOrderElementsOf(
                service.mailPorts().stream().map(PlatformService.MailPort::listener).toList());
        for (PlatformService.MailPort port : service.mailPorts()) {
            ListenerProperties listener = listeners.get(port.listener());
            assertThat(listener.tls()).as(port.listener()).isEqualTo(port.tls());
            // Unprivileged inside the pod: the container runs as a plain user.
            assertThat(listener.port()).as(port.listener()).isGreaterThan(1023);
            assertThat(containerPorts.itemWith("name", port.listener()).field("containerPort").integer())
                    .isEqualTo(listener.port());
        }
    }

    @ParameterizedTest
    @EnumSource(value = PlatformService.class, names = "MDA", mode = EnumSource.Mode.EXCLUDE)
    void theMailServiceOffersTheProductionPorts(PlatformService service) {
        K8sObject mail = HelmChart.defaults().get("Service", service.objectName() + "-mail");
        List<YamlNode> ports = mail.at("spec.ports").items();

        assertThat(mail.at("spec.type").text()).isEqualTo("LoadBalancer");
        assertThat(mail.at("spec.externalTrafficPolicy").text()).isEqualTo("Local");
        assertThat(ports).hasSameSizeAs(service.mailPorts());
        for (PlatformService.MailPort port : service.mailPorts()) {
            YamlNode servicePort = mail.at("spec.ports").itemWith("name", port.listener());
            assertThat(servicePort.field("port").integer()).isEqualTo(port.productionPort());
            assertThat(servicePort.field("targetPort").text()).isEqualTo(port.listener());
        }
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void httpStaysInsideTheCluster(PlatformService service) {
        K8sObject http = HelmChart.defaults().get("Service", service.objectName());

        assertThat(http.at("spec.type").text()).isEqualTo("ClusterIP");
        assertThat(http.at("spec.ports").itemWith("name", "http").field("port").integer()).isEqualTo(service.httpPort());
    }

    @Test
    void theMdaHasNoMailService() {
        assertThat(HelmChart.defaults().find("Service", PlatformService.MDA.objectName() + "-mail")).isEmpty();
    }

    @Test
    void everyServiceSelectsThePodsOfItsOwnDeployment() {
        Manifests manifests = HelmChart.defaults();
        List<K8sObject> services = manifests.ofKind("Service");

        assertThat(services).hasSize(9);
        for (K8sObject service : services) {
            Map<String, String> selector = service.at("spec.selector").strings();
            List<K8sObject> selected = manifests.ofKind("Deployment").stream()
                    .filter(d -> d.at("spec.template.metadata.labels").strings().entrySet().containsAll(selector.entrySet()))
                    .toList();
            assertThat(selected).as("%s selects %s", service, selected).hasSize(1);
            assertThat(selected.getFirst().name()).isEqualTo(service.name().replaceFirst("-mail$", ""));
        }
    }

    @Test
    void behindAProxyProtocolLoadBalancerTheServicesTrustOnlyItsAddresses() {
        Manifests manifests = HelmChart.renderWithValues("""
                proxyProtocol:
                  enabled: true
                  trustedProxies: [10.0.0.0/16, 192.0.2.7]
                  serviceAnnotations:
                    service.beta.kubernetes.io/aws-load-balancer-proxy-protocol: "*"
                """);

        for (PlatformService service : PlatformService.values()) {
            if (!service.speaksMail()) {
                continue;
            }
            K8sObject mail = manifests.get("Service", service.objectName() + "-mail");
            KernelProperties kernel = ServiceConfiguration.of(manifests.get("ConfigMap", service.objectName()))
                    .bind("mailplatform.kernel", KernelProperties.class);
            assertThat(mail.annotations()).containsEntry("service.beta.kubernetes.io/aws-load-balancer-proxy-protocol", "*");
            assertThat(kernel.trustedProxies()).containsExactly("10.0.0.0/16", "192.0.2.7");
        }
        assertThat(HelmChart.defaults().get("Service", PlatformService.IMAP.objectName() + "-mail").annotations()).isEmpty();
    }

    @Test
    void proxyProtocolWithoutTrustedAddressesIsRefused() {
        assertThatThrownBy(() -> HelmChart.render(Map.of("proxyProtocol.enabled", "true")))
                .hasMessageContaining("proxyProtocol.trustedProxies");
    }
}
