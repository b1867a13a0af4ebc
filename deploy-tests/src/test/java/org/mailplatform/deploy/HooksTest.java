package org.mailplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The Jobs that run before the services on every install and upgrade: the schema migration and the
 * Kafka topics, and the database Secret they read.
 */
class HooksTest {

    static final Map<String, Object> WITHOUT_HOOKS = Map.of("helmHooks", "false");

    @Test
    void helmRunsTheJobsAsHooks() {
        Manifests asHooks = HelmChart.defaults();
        Manifests plain = HelmChart.render(WITHOUT_HOOKS);

        // Helm leaves objects it classified as hooks out of the release manifest.
        for (String[] object : new String[][] {{"Job", "mail-platform-migrate"}, {"Job", "mail-platform-topics"}}) {
            assertThat(asHooks.find(object[0], object[1])).as("%s/%s is a hook", object[0], object[1]).isEmpty();
            assertThat(plain.find(object[0], object[1])).as("%s/%s without hooks", object[0], object[1]).isPresent();
        }
        assertThat(plain.get("Job", "mail-platform-migrate").annotations()).isEmpty();
    }

    @Test
    void theServicesDatabaseSecretIsAnObjectOfTheReleaseNotAHook() {
        Manifests asHooks = HelmChart.defaults();

        // In the release manifest: changed in place on upgrade, deleted on uninstall.
        K8sObject secret = asHooks.get("Secret", "mail-platform-database");
        assertThat(secret.annotations()).doesNotContainKey("helm.sh/hook");
        for (K8sObject deployment : asHooks.ofKind("Deployment")) {
            YamlNode env = deployment.at("spec.template.spec.containers").items().getFirst().field("env");
            assertThat(env.itemWith("name", "SPRING_DATASOURCE_PASSWORD").at("valueFrom.secretKeyRef.name").text())
                    .isEqualTo("mail-platform-database");
        }
        assertThat(asHooks.find("Secret", "mail-platform-database-hook")).as("a hook: not in the manifest").isEmpty();
    }

    @Test
    void theHookJobsReadAHookCopyMadeBeforeThemAndDeletedAfterThem() {
        String template = ProjectFiles.read("helm/mail-platform/templates/secrets.yaml");
        String hookCopy = template.substring(template.indexOf("{{- if .Values.helmHooks }}"));

        assertThat(hookCopy).contains("helm.sh/hook: pre-install,pre-upgrade", "helm.sh/hook-weight: \"-10\"",
                "helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded");
        Manifests plain = HelmChart.render(WITHOUT_HOOKS);
        assertThat(plain.find("Secret", "mail-platform-database-hook")).as("no hooks, no copy").isEmpty();
        assertThat(migrationPasswordSecret(plain)).isEqualTo("mail-platform-database");
    }

    private static String migrationPasswordSecret(Manifests manifests) {
        return manifests.get("Job", "mail-platform-migrate").at("spec.template.spec.containers").items().getFirst()
                .field("env").itemWith("name", "SPRING_DATASOURCE_PASSWORD").at("valueFrom.secretKeyRef.name").text();
    }

    @Test
    void hooksRunBeforeInstallAndUpgradeTheSecretFirst() {
        String helpers = ProjectFiles.read("helm/mail-platform/templates/_helpers.tpl");
        String migration = ProjectFiles.read("helm/mail-platform/templates/job-migrate.yaml");

        assertThat(helpers).contains("helm.sh/hook: pre-install,pre-upgrade");
        assertThat(migration).contains("(dict \"root\" . \"weight\" \"0\")");
    }

    @Test
    void theMigrationRunsMigrateDatabaseFromTheMdaImageWithTheServicesDatabaseSettings() {
        Manifests manifests = HelmChart.render(WITHOUT_HOOKS);
        K8sObject job = manifests.get("Job", "mail-platform-migrate");
        YamlNode container = job.at("spec.template.spec.containers").items().getFirst();
        YamlNode mda = manifests.get("Deployment", PlatformService.MDA.objectName())
                .at("spec.template.spec.containers").items().getFirst();
        List<String> args = container.field("args").items().stream().map(YamlNode::text).toList();
        String mainClass = args.getLast();

        // The image's java entry point, told another main class on the service jar's class path.
        assertThat(args).containsExactly("-cp", "/app/service.jar", "org.mailplatform.store.migration.MigrateDatabase");
        assertThat(ProjectFiles.resolve("mail-store/src/main/java/" + mainClass.replace('.', '/') + ".java")).isRegularFile();
        assertThat(container.field("image").text()).isEqualTo(mda.field("image").text());
        for (String name : new String[] {"SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD"}) {
            assertThat(container.field("env").itemWith("name", name).raw())
                    .isEqualTo(mda.field("env").itemWith("name", name).raw());
        }
        assertThat(job.at("spec.template.spec.restartPolicy").text()).isEqualTo("Never");
        assertThat(job.at("spec.template.spec.securityContext.runAsNonRoot").raw()).isEqualTo(true);
    }

    @Test
    void anExistingDatabaseSecretReplacesTheChartsOwn() {
        Manifests manifests = HelmChart.render(Map.of("helmHooks", "false", "database.existingSecret", "pg-credentials"));

        assertThat(manifests.find("Secret", "mail-platform-database")).isEmpty();
        YamlNode password = manifests.get("Job", "mail-platform-migrate").at("spec.template.spec.containers").items()
                .getFirst().field("env").itemWith("name", "SPRING_DATASOURCE_PASSWORD");
        assertThat(password.at("valueFrom.secretKeyRef.name").text()).isEqualTo("pg-credentials");
        for (K8sObject deployment : manifests.ofKind("Deployment")) {
            YamlNode env = deployment.at("spec.template.spec.containers").items().getFirst().field("env");
            assertThat(env.itemWith("name", "SPRING_DATASOURCE_PASSWORD").at("valueFrom.secretKeyRef.name").text())
                    .isEqualTo("pg-credentials");
        }
    }
}
