package org.mailplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The Pod `helm test` runs: a hook of kind test that checks the TLS greetings of submission (465),
 * IMAPS (993) and POP3S (995) through the Services that carry those ports.
 */
class HelmTestPodTest {

    private static final String POD = "mail-platform-test-mail-banners";

    @Test
    void helmTreatsThePodAsATestHookNotAsAnObjectOfTheRelease() {
        // Helm leaves hooks out of the release manifest; the annotation makes it one.
        assertThat(HelmChart.defaults().find("Pod", POD)).isEmpty();

        K8sObject pod = HelmChart.renderWithTestHooks(Map.of()).get("Pod", POD);

        assertThat(pod.annotations()).containsEntry(HelmChart.TEST_HOOK_MARK, "test")
                .containsEntry("helm.sh/hook-delete-policy", "before-hook-creation");
        assertThat(pod.at("spec.restartPolicy").text()).isEqualTo("Never");
    }

    @Test
    void itChecksEachImplicitTlsPortOnTheServiceThatCarriesIt() {
        Manifests manifests = HelmChart.renderWithTestHooks(Map.of());
        YamlNode container = manifests.get("Pod", POD).at("spec.containers").items().getFirst();
        String script = container.field("args").items().getFirst().text();

        assertThat(checks(script)).containsExactly(
                "check submissions mail-platform-msa-service-mail 465 '220 ' 'QUIT'",
                "check imaps mail-platform-imap-gateway-mail 993 '* OK' 'a LOGOUT'",
                "check pop3s mail-platform-pop3-gateway-mail 995 '+OK' 'QUIT'");
        assertThat(script).contains("openssl s_client -quiet -connect \"$2:$3\"");
        assertServicePort(manifests, "mail-platform-msa-service-mail", "submissions", 465);
        assertServicePort(manifests, "mail-platform-imap-gateway-mail", "imaps", 993);
        assertServicePort(manifests, "mail-platform-pop3-gateway-mail", "pop3s", 995);
        // The IMAP gateway's own image: openssl comes with its Debian base, nothing else is pulled.
        assertThat(container.field("image").text()).isEqualTo(manifests.get("Deployment", PlatformService.IMAP.objectName())
                .at("spec.template.spec.containers").items().getFirst().field("image").text());
        assertThat(container.field("command").items()).extracting(YamlNode::text).containsExactly("/bin/bash", "-c");
        assertThat(container.at("securityContext.readOnlyRootFilesystem").text()).isEqualTo("true");
    }

    @Test
    void itFollowsTheValuesSingleMailServiceAChangedPortAndADisabledGateway() {
        Manifests single = HelmChart.renderWithTestHooks(Map.of("mailService.single", "true",
                "services.imap-gateway.listeners.imaps.port", "10993", "services.pop3-gateway.enabled", "false"));
        String script = single.get("Pod", POD).at("spec.containers").items().getFirst().field("args").items().getFirst().text();

        assertThat(checks(script)).containsExactly(
                "check submissions mail-platform-mail 465 '220 ' 'QUIT'",
                "check imaps mail-platform-mail 10993 '* OK' 'a LOGOUT'");
        assertServicePort(single, "mail-platform-mail", "imaps", 10993);
    }

    @Test
    void itCanBeSwitchedOff() {
        assertThat(HelmChart.renderWithTestHooks(Map.of("helmTest.enabled", "false")).find("Pod", POD)).isEmpty();
    }

    private static List<String> checks(String script) {
        return script.lines().map(String::strip).filter(l -> l.startsWith("check ")).toList();
    }

    private static void assertServicePort(Manifests manifests, String service, String name, int port) {
        assertThat(manifests.get("Service", service).at("spec.ports").itemWith("name", name).field("port").integer())
                .as("%s port %s", service, name).isEqualTo(port);
    }
}
