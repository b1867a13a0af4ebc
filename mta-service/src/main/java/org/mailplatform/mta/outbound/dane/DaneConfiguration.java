package org.mailplatform.mta.outbound.dane;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.mailplatform.mta.outbound.RelayProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** DANE's lookups, asked of the outbound side's DNS servers; absent when DANE is switched off. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DaneProperties.class)
@ConditionalOnProperty(prefix = "mailplatform.mta.outbound.dane", name = "enabled", havingValue = "true", matchIfMissing = true)
class DaneConfiguration {

    static final String BUNDLED_ROOT_KEYS = "root.key";

    @Bean
    DaneMetrics daneMetrics(ObjectProvider<MeterRegistry> registry) {
        return new DaneMetrics(registry.getIfUnique(SimpleMeterRegistry::new));
    }

    @Bean
    DaneLookup daneLookup(DaneProperties dane, RelayProperties relay, DaneMetrics metrics) {
        try (InputStream anchors = trustAnchors(dane)) {
            return new DaneLookup(new DnssecResolver(relay.dnsServerAddresses(), relay.dnsTimeout(), anchors), metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the DNSSEC trust anchor "
                    + (dane.hasTrustAnchorFile() ? dane.trustAnchor() : "shipped with the service") + ": " + e.getMessage(), e);
        }
    }

    private static InputStream trustAnchors(DaneProperties dane) throws IOException {
        if (dane.hasTrustAnchorFile()) {
            return Files.newInputStream(Path.of(dane.trustAnchor()));
        }
        InputStream bundled = DaneConfiguration.class.getResourceAsStream(BUNDLED_ROOT_KEYS);
        if (bundled == null) {
            throw new IOException("resource " + BUNDLED_ROOT_KEYS + " is missing");
        }
        return bundled;
    }
}
