package org.mailplatform.msa.autoconfig;

import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.tls.ServerTls;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Client autoconfiguration, switched on with {@code mailplatform.autoconfig.enabled}: it answers the
 * public internet for every local domain, so an operator opts in once its DNS names point here.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("mailplatform.autoconfig.enabled")
@EnableConfigurationProperties(AutoconfigProperties.class)
class AutoconfigConfiguration {

    @Bean
    AutoconfigServer autoconfigServer(AutoconfigProperties properties, ServerTls tls, DomainRepository domains,
                                      @Value("${mailplatform.hostname:localhost}") String hostname) {
        ClientServers servers = ClientServers.from(properties, hostname);
        return new AutoconfigServer(properties, tls, new ClientSetupRequests(servers, domains::isLocal));
    }
}
