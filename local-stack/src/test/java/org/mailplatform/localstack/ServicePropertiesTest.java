package org.mailplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ServicePropertiesTest {

    private final ServiceProperties properties = new ServiceProperties(
            new DatabaseEndpoint("jdbc:postgresql://127.0.0.1:15432/mailplatform", "postgres", ""), "127.0.0.1:9092",
            "token", Path.of(".local-stack/tls"), null, Map.of());

    @Test
    void theMsaServesClientAutoconfigurationOnItsDevPortNamingTheStacksMailPorts() {
        Map<String, String> msa = properties.of(PlatformService.MSA, StackPorts.dev());

        assertThat(msa).containsEntry("mailplatform.autoconfig.enabled", "true")
                .containsEntry("mailplatform.autoconfig.port", "10443")
                .containsEntry("mailplatform.autoconfig.bind-address", "127.0.0.1")
                .containsEntry("mailplatform.autoconfig.ports.imaps", "10993")
                .containsEntry("mailplatform.autoconfig.ports.imap", "10143")
                .containsEntry("mailplatform.autoconfig.ports.pop3s", "10995")
                .containsEntry("mailplatform.autoconfig.ports.pop3", "10110")
                .containsEntry("mailplatform.autoconfig.ports.submissions", "10465")
                .containsEntry("mailplatform.autoconfig.ports.submission", "10587")
                .doesNotContainKeys("mailplatform.autoconfig.ports.submission-alt", "mailplatform.autoconfig.ports.smtp");
    }

    @Test
    void noOtherServiceOpensIt() {
        for (PlatformService service : PlatformService.values()) {
            if (service != PlatformService.MSA) {
                assertThat(properties.of(service, StackPorts.dev()).keySet()).as(service.serviceName())
                        .noneMatch(key -> key.startsWith("mailplatform.autoconfig."));
            }
        }
    }

    @Test
    void aSecondMsaGetsAnAutoconfigPortOfItsOwn() {
        StackPorts stack = StackPorts.dev();

        assertThat(stack.withFreePortsFor(PlatformService.MSA).autoconfig()).isNotEqualTo(stack.autoconfig());
        assertThat(stack.withFreePortsFor(PlatformService.IMAP).autoconfig()).isEqualTo(stack.autoconfig());
    }
}
