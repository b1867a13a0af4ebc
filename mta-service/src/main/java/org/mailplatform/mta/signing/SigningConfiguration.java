package org.mailplatform.mta.signing;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.mailplatform.msgauth.arc.ArcSealer;
import org.mailplatform.msgauth.dkim.DkimSigner;
import org.mailplatform.store.dkim.DkimKeyRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
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

    /**
     * @param sealForwarded {@code mailplatform.mta.arc.seal-forwarded}: add an ARC set to mail from
     *                      other servers forwarded to remote alias targets
     * @param authservId    the inbound checks' authserv-id, whose Authentication-Results the set attests
     */
    @Bean
    OutboundSigner outboundSigner(DkimKeys keys, ObjectProvider<MeterRegistry> registry,
                                  @Value("${mailplatform.mta.arc.seal-forwarded:true}") boolean sealForwarded,
                                  @Value("${mailplatform.mta.inbound.authentication.authserv-id:}") String authservId,
                                  @Value("${mailplatform.hostname:localhost}") String hostname) {
        SigningMetrics metrics = new SigningMetrics(registry.getIfUnique(SimpleMeterRegistry::new));
        ArcForwardSealer arc = sealForwarded ? new ArcForwardSealer(new ArcSealer(Clock.systemUTC()), keys,
                authservId.isBlank() ? hostname : authservId, metrics) : null;
        return new OutboundSigner(new DkimSigner(keys, Clock.systemUTC()), metrics, arc);
    }
}
