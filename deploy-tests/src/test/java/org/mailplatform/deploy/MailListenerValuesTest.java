package org.mailplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.kernel.TlsMode;
import org.mailplatform.protocolservice.ListenerProperties;

/**
 * A listener changed in the chart's values: the service's ConfigMap, the pod's ports and the mail
 * Service follow. The service defaults each listener property on its own, so what the values leave
 * out is left out of the ConfigMap too.
 */
class MailListenerValuesTest {

    @Test
    void aListenerSwitchedOffIsPortMinusOneInTheServiceAndOpensNoPort() {
        Manifests manifests = HelmChart.renderWithValues("""
                services:
                  pop3-gateway:
                    listeners:
                      pop3:
                        enabled: false
                """);
        PlatformService pop3 = PlatformService.POP3;

        assertThat(ServiceConfiguration.of(manifests.get("ConfigMap", pop3.objectName())).listeners(pop3.listenersProperty()))
                .containsEntry("pop3", new ListenerProperties(-1, null))
                .containsEntry("pop3s", new ListenerProperties(10995, TlsMode.IMPLICIT));
        List<YamlNode> containerPorts = manifests.get("Deployment", pop3.objectName())
                .at("spec.template.spec.containers").items().getFirst().field("ports").items();
        assertThat(containerPorts).extracting(port -> port.field("name").text()).containsExactly("http", "pop3s");
        assertThat(manifests.get("Service", pop3.objectName() + "-mail").at("spec.ports").items())
                .extracting(port -> port.field("name").text()).containsExactly("pop3s");
    }

    @Test
    void aListenerWithoutTlsInTheValuesKeepsTheServicesMode() {
        Manifests manifests = HelmChart.renderWithValues("""
                services:
                  imap-gateway:
                    listeners:
                      imaps:
                        containerPort: 11993
                        tls: null
                """);
        ServiceConfiguration imap = ServiceConfiguration.of(manifests.get("ConfigMap", PlatformService.IMAP.objectName()));

        assertThat(imap.string("mailplatform.imap.listeners.imaps.port")).isEqualTo("11993");
        assertThat(imap.string("mailplatform.imap.listeners.imaps.tls")).isNull();
        assertThat(imap.string("mailplatform.imap.listeners.imap.tls")).isEqualTo("STARTTLS");
    }
}
