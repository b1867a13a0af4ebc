package org.mailplatform.localstack;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceConfigFileTest {

    @Test
    void eachServiceGetsTheApplicationYmlOfItsOwnJar() throws Exception {
        for (PlatformService service : PlatformService.values()) {
            URL url = ServiceConfigFile.of(service.applicationClass());
            try (InputStream in = url.openStream()) {
                String yml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(yml).as(url.toString()).contains("name: " + service.serviceName());
            }
        }
    }

    @Test
    void aClassWithoutAnApplicationYmlBesideItIsRefused() {
        assertThatThrownBy(() -> ServiceConfigFile.of(org.slf4j.Logger.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("org.slf4j.Logger");
    }
}
