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

/**
 * DANE's lookups, asked of the outbound side's DNS servers; absent when DANE is switched off, and
 * where the outbound workers do not run (the DNS servers are then not checked for DNSSEC either).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DaneProperties.class)
@ConditionalOnProperty(prefix = "mailplatform.mta.outbound", name = {"enabled", "dane.enabled"}, havingValue = "true",
        matchIfMissing = true)
class DaneConfiguration {

    static final String BUNDLED_ROOT_KEYS = "root.key";

    @Bean
    DaneMetrics daneMetrics(ObjectProvider<MeterRegistry> registry) {
        return new DaneMetrics(registry.getIfUnique(SimpleMeterRegistry::new));
    }

    @Bean
    DnssecResolver dnssecResolver(DaneProperties dane, RelayProperties relay) {
        try (InputStream anchors = trustAnchors(dane)) {
            return new DnssecResolver(relay.dnsServerAddresses(), relay.dnsTimeout(), anchors);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the DNSSEC trust anchor "
                    + (dane.hasTrustAnchorFile() ? dane.trustAnchor() : "shipped with the service") + ": " + e.getMessage(), e);
        }
    }

    @Bean
    DnssecResolverProbe dnssecResolverProbe(DnssecResolver resolver, DaneProperties dane, DaneMetrics metrics) {
        DnssecResolverProbe probe = new DnssecResolverProbe(resolver, dane.requireDnssecResolver(),
                dane.resolverCheckInterval(), dane.resolverRecheckInterval());
        metrics.resolverAvailability(probe::lastCheckPassed);
        return probe;
    }

    @Bean
    DaneLookup daneLookup(DnssecResolver resolver, DnssecResolverProbe probe, DaneProperties dane, DaneMetrics metrics) {
        return new DaneLookup(resolver, probe, dane.requireDnssecResolver(), metrics);
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
