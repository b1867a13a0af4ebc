package org.mailplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code mta.dkim.existingSecret}: a Secret of DKIM signing keys mounted read-only into the MTA, at
 * the directory its configuration names as {@code mailplatform.dkim.keys-dir} (DkimProperties).
 */
class DkimKeysSecretTest {

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void withoutASecretNoServiceMountsKeysOrLooksForThem(PlatformService service) {
        Manifests manifests = HelmChart.defaults();

        assertThat(pod(manifests, service).field("volumes").items()).extracting(v -> v.field("name").text())
                .doesNotContain("dkim-keys");
        assertThat(configuration(manifests, service).string("mailplatform.dkim.keys-dir")).isNull();
    }

    @Test
    void theSecretIsMountedReadOnlyWhereTheMtaReadsItsKeys() {
        Manifests manifests = HelmChart.render(Map.of("mta.dkim.existingSecret", "mail-dkim"));

        YamlNode volume = pod(manifests, PlatformService.MTA).field("volumes").itemWith("name", "dkim-keys");
        YamlNode mount = container(manifests, PlatformService.MTA).field("volumeMounts").itemWith("name", "dkim-keys");
        assertThat(volume.at("secret.secretName").text()).isEqualTo("mail-dkim");
        assertThat(mount.field("readOnly").raw()).isEqualTo(true);
        // A subPath mount would never see an added or rotated key.
        assertThat(mount.field("subPath").exists()).isFalse();
        assertThat(mount.field("mountPath").text()).isEqualTo("/etc/mailplatform/dkim")
                .isEqualTo(configuration(manifests, PlatformService.MTA).string("mailplatform.dkim.keys-dir"));
    }

    @Test
    void anotherMountPathMovesTheMountAndTheSettingTogether() {
        Manifests manifests = HelmChart.render(Map.of("mta.dkim.existingSecret", "mail-dkim",
                "mta.dkim.mountPath", "/var/run/dkim"));

        assertThat(container(manifests, PlatformService.MTA).field("volumeMounts").itemWith("name", "dkim-keys")
                .field("mountPath").text()).isEqualTo("/var/run/dkim");
        assertThat(configuration(manifests, PlatformService.MTA).string("mailplatform.dkim.keys-dir"))
                .isEqualTo("/var/run/dkim");
    }

    @Test
    void onlyTheMtaSignsSoOnlyTheMtaGetsTheKeys() {
        Manifests manifests = HelmChart.render(Map.of("mta.dkim.existingSecret", "mail-dkim"));

        for (PlatformService service : PlatformService.values()) {
            if (service != PlatformService.MTA) {
                assertThat(pod(manifests, service).field("volumes").items()).as(service.serviceName())
                        .extracting(v -> v.field("name").text()).doesNotContain("dkim-keys");
            }
        }
    }

    @Test
    void theSchemaRefusesASecretNameKubernetesWouldRefuseAndMisspelledKeys() {
        assertThatThrownBy(() -> HelmChart.renderWithValues("mta: {dkim: {existingSecret: Mail_DKIM}}"))
                .hasMessageContaining("existingSecret");
        assertThatThrownBy(() -> HelmChart.renderWithValues("mta: {dkim: {secretName: mail-dkim}}"))
                .hasMessageContaining("secretName");
        assertThatThrownBy(() -> HelmChart.renderWithValues("mta: {dkim: {existingSecret: mail-dkim, mountPath: dkim}}"))
                .hasMessageContaining("mountPath");
    }

    private static YamlNode pod(Manifests manifests, PlatformService service) {
        return manifests.get("Deployment", service.objectName()).at("spec.template.spec");
    }

    private static YamlNode container(Manifests manifests, PlatformService service) {
        return pod(manifests, service).field("containers").itemWith("name", service.serviceName());
    }

    private static ServiceConfiguration configuration(Manifests manifests, PlatformService service) {
        return ServiceConfiguration.of(manifests.get("ConfigMap", service.objectName()));
    }
}
