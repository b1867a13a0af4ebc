package org.mailplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** k8s/ holds the chart rendered with its default values; -Dk8s.update=true rewrites it. */
class PlainManifestsTest {

    @Test
    void k8sIsUpToDateWithTheChart() throws IOException {
        Map<String, String> expected = PlainManifests.render();
        Path k8s = ProjectFiles.resolve("k8s");
        if (Boolean.getBoolean("k8s.update")) {
            for (Map.Entry<String, String> file : expected.entrySet()) {
                Files.writeString(k8s.resolve(file.getKey()), file.getValue());
            }
        }

        for (Map.Entry<String, String> file : expected.entrySet()) {
            Path actual = k8s.resolve(file.getKey());
            assertThat(actual).as("k8s/%s is missing; regenerate with -Dk8s.update=true", file.getKey()).isRegularFile();
            assertThat(Files.readString(actual))
                    .as("k8s/%s differs from the chart; regenerate with -Dk8s.update=true", file.getKey())
                    .isEqualTo(file.getValue());
        }
    }

    @Test
    void theChartRendersTheSameTextEveryTime() {
        // Go maps iterate in random order: anything rendered from one without sorting would show here,
        // and in the config checksum that rolls every pod on every upgrade.
        String first = HelmChart.renderText(HooksTest.WITHOUT_HOOKS);

        for (int i = 0; i < 4; i++) {
            assertThat(HelmChart.renderText(HooksTest.WITHOUT_HOOKS)).isEqualTo(first);
        }
    }

    @Test
    void setupHoldsWhatMustExistBeforeTheServicesStart() {
        Map<String, String> files = PlainManifests.render();
        Manifests setup = Manifests.parse(files.get(PlainManifests.SETUP));
        Manifests platform = Manifests.parse(files.get(PlainManifests.PLATFORM));

        assertThat(setup.all()).extracting(K8sObject::toString).containsExactlyInAnyOrder(
                "ServiceAccount/mail-platform", "Secret/mail-platform-database", "Job/mail-platform-migrate",
                "Job/mail-platform-topics");
        // Every account a Job runs under is applied with it.
        for (K8sObject job : setup.ofKind("Job")) {
            assertThat(setup.find("ServiceAccount", job.at("spec.template.spec.serviceAccountName").text())).as(job.toString()).isPresent();
        }
        assertThat(platform.ofKind("Deployment")).hasSize(PlatformService.values().length);
        assertThat(platform.ofKind("Job")).isEmpty();
        assertThat(setup.all()).allSatisfy(o -> assertThat(o.annotations()).doesNotContainKey("helm.sh/hook"));
    }
}
