package org.mailplatform.localstack;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalStackSettingsTest {

    @Test
    void withoutOptionsTheStackRunsItsEmbeddedPostgresInDotLocalStack() {
        LocalStackSettings settings = LocalStackSettings.parse(new String[0], Map.of());

        assertThat(settings.existingDatabase()).isEmpty();
        assertThat(settings.dataDir()).isEqualTo(Path.of(".local-stack"));
        assertThat(settings.clean()).isFalse();
        assertThat(settings.ports().http(PlatformService.IMAP)).isEqualTo(8085);
        assertThat(settings.ports().mail(PlatformService.MSA.mailListeners().getFirst())).isEqualTo(10587);
    }

    @Test
    void theCommandLineNamesAnExistingServerAndWinsOverTheEnvironment() {
        LocalStackSettings settings = LocalStackSettings.parse(new String[] {
                "--postgres-url=jdbc:postgresql://db:5432/mail", "--postgres-user=mail", "--postgres-password=a=b", "--clean"},
                Map.of("MAILPLATFORM_POSTGRES_URL", "jdbc:postgresql://other/x", "MAILPLATFORM_POSTGRES_USER", "other"));

        assertThat(settings.existingDatabase()).contains(new DatabaseEndpoint("jdbc:postgresql://db:5432/mail", "mail", "a=b"));
        assertThat(settings.clean()).isTrue();
    }

    @Test
    void theEnvironmentAloneCanNameTheServer() {
        LocalStackSettings settings = LocalStackSettings.parse(new String[0], Map.of("MAILPLATFORM_POSTGRES_URL", "jdbc:postgresql://db/mail"));

        assertThat(settings.existingDatabase()).contains(new DatabaseEndpoint("jdbc:postgresql://db/mail", "postgres", ""));
    }

    @Test
    void springAndPlatformPropertiesArePassedToTheServices() {
        LocalStackSettings settings = LocalStackSettings.parse(new String[] {
                "--mailplatform.mta.relay.smart-host=localhost:1025", "--spring.kafka.producer.linger-ms=5"}, Map.of());

        assertThat(settings.serviceProperties())
                .containsEntry("mailplatform.mta.relay.smart-host", "localhost:1025")
                .containsEntry("spring.kafka.producer.linger-ms", "5")
                .hasSize(2);
    }

    @Test
    void unknownOptionsAndNonPostgresUrlsAreRefusedWithAReason() {
        assertThatThrownBy(() -> LocalStackSettings.parse(new String[] {"--postgres=x"}, Map.of()))
                .isInstanceOf(LocalStackSettings.UsageException.class).hasMessageContaining("--postgres=x");
        assertThatThrownBy(() -> LocalStackSettings.parse(new String[] {"--logging.level.root=DEBUG"}, Map.of()))
                .isInstanceOf(LocalStackSettings.UsageException.class);
        assertThatThrownBy(() -> LocalStackSettings.parse(new String[] {"--mailplatform.local-dev"}, Map.of()))
                .isInstanceOf(LocalStackSettings.UsageException.class);
        assertThatThrownBy(() -> LocalStackSettings.parse(new String[] {"--postgres-url=jdbc:mysql://db/x"}, Map.of()))
                .isInstanceOf(LocalStackSettings.UsageException.class).hasMessageContaining("jdbc:mysql://db/x");
    }

    @Test
    void withoutProcessesAllServicesRunInTheStacksJvm() {
        LocalStackSettings settings = LocalStackSettings.parse(new String[0], Map.of());

        assertThat(settings.processMode()).isEqualTo(ProcessMode.OFF);
    }

    @Test
    void processesTakeReplicaCountsPerServiceInEitherSpelling() {
        LocalStackSettings settings = LocalStackSettings.parse(new String[] {
                "--processes", "--replicas", "imap-gateway=2,pop3-gateway=3", "--replicas=msa-service=1", "--aot-cache"}, Map.of());

        assertThat(settings.processMode().enabled()).isTrue();
        assertThat(settings.processMode().aotCache()).isTrue();
        assertThat(settings.processMode().processes(PlatformService.IMAP)).isEqualTo(2);
        assertThat(settings.processMode().processes(PlatformService.POP3)).isEqualTo(3);
        assertThat(settings.processMode().processes(PlatformService.MSA)).isEqualTo(1);
        assertThat(settings.processMode().processes(PlatformService.MDA)).isEqualTo(1);
    }

    @Test
    void replicasAndAotCacheNeedProcessesAndNamedServicesAndSaneCounts() {
        assertThatThrownBy(() -> LocalStackSettings.parse(new String[] {"--replicas=imap-gateway=2"}, Map.of()))
                .isInstanceOf(LocalStackSettings.UsageException.class).hasMessageContaining("--processes");
        assertThatThrownBy(() -> LocalStackSettings.parse(new String[] {"--aot-cache"}, Map.of()))
                .isInstanceOf(LocalStackSettings.UsageException.class).hasMessageContaining("--processes");
        assertThatThrownBy(() -> LocalStackSettings.parse(new String[] {"--processes", "--replicas=imap=2"}, Map.of()))
                .isInstanceOf(LocalStackSettings.UsageException.class).hasMessageContaining("imap-gateway");
        assertThatThrownBy(() -> LocalStackSettings.parse(new String[] {"--processes", "--replicas=imap-gateway=0"}, Map.of()))
                .isInstanceOf(LocalStackSettings.UsageException.class).hasMessageContaining("1 to 9");
        assertThatThrownBy(() -> LocalStackSettings.parse(new String[] {"--processes", "--replicas=imap-gateway=two"}, Map.of()))
                .isInstanceOf(LocalStackSettings.UsageException.class).hasMessageContaining("imap-gateway=two");
        assertThatThrownBy(() -> LocalStackSettings.parse(new String[] {"--processes", "--replicas=imap-gateway"}, Map.of()))
                .isInstanceOf(LocalStackSettings.UsageException.class).hasMessageContaining("SERVICE=N");
        assertThatThrownBy(() -> LocalStackSettings.parse(new String[] {"--processes", "--postgres-url=jdbc:postgresql://db/x"}, Map.of()))
                .isInstanceOf(LocalStackSettings.UsageException.class).hasMessageContaining("--postgres-url");
    }

    @Test
    void devPortsAreProductionPortsPlusTenThousand() {
        for (PlatformService service : PlatformService.values()) {
            for (MailListener listener : service.mailListeners()) {
                assertThat(listener.devPort()).isEqualTo(listener.productionPort() + 10_000);
            }
        }
        assertThat(PlatformService.MTA.mailListeners()).extracting(MailListener::devPort).containsExactly(10025);
    }
}
