package org.mailplatform.mta.signing;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.mailplatform.msgauth.dkim.DkimSigner;
import org.mailplatform.store.dkim.DkimKeyRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** DKIM signing for the outbound path. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DkimProperties.class)
class SigningConfiguration {

    @Bean(destroyMethod = "close")
    DkimKeys dkimKeys(DkimProperties properties, DkimKeyRepository repository) {
        return new DkimKeys(properties.keysDir(), new StoredKeys(repository), properties.refreshInterval(), Clock.systemUTC());
    }

    @Bean
    OutboundSigner outboundSigner(DkimKeys keys, ObjectProvider<MeterRegistry> registry) {
        return new OutboundSigner(new DkimSigner(keys, Clock.systemUTC()),
                new SigningMetrics(registry.getIfUnique(SimpleMeterRegistry::new)));
    }
}
