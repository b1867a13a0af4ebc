package org.mailplatform.protocolservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mailplatform.kernel.KernelSettings;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class KernelPropertiesTest {

    private static KernelSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("mailplatform.kernel", KernelProperties.class).toSettings();
    }

    @Test
    void unsetPropertiesKeepTheKernelDefaults() {
        KernelSettings settings = bind(Map.of());

        assertThat(settings).isEqualTo(KernelSettings.defaults());
        assertThat(settings.maxConnectionsPerAddress()).isEqualTo(50);
        assertThat(settings.loginTimeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(settings.writeTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void bindsTheSlowClientLimits() {
        KernelSettings settings = bind(Map.of(
                "mailplatform.kernel.login-timeout", "90s",
                "mailplatform.kernel.line-timeout", "20s",
                "mailplatform.kernel.min-payload-rate", "2000",
                "mailplatform.kernel.payload-rate-window", "1m",
                "mailplatform.kernel.overlong-line-allowance", "64KB",
                "mailplatform.kernel.max-connections-per-address", "10",
                "mailplatform.kernel.write-timeout", "2m",
                "mailplatform.kernel.write-buffer-high-water-mark", "256KB"));

        assertThat(settings.loginTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.lineTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.minPayloadRate()).isEqualTo(2000);
        assertThat(settings.payloadRateWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.overlongLineAllowance()).isEqualTo(64 * 1024);
        assertThat(settings.maxConnectionsPerAddress()).isEqualTo(10);
        assertThat(settings.writeTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.writeBufferHighWaterMark()).isEqualTo(256 * 1024);
    }
}
