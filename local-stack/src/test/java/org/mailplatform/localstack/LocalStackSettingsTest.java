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
    void devPortsAreProductionPortsPlusTenThousand() {
        for (PlatformService service : PlatformService.values()) {
            for (MailListener listener : service.mailListeners()) {
                assertThat(listener.devPort()).isEqualTo(listener.productionPort() + 10_000);
            }
        }
        assertThat(PlatformService.MTA.mailListeners()).extracting(MailListener::devPort).containsExactly(10025);
    }
}
