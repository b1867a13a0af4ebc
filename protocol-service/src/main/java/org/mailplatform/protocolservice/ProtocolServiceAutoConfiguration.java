package org.mailplatform.protocolservice;

import org.mailplatform.tls.ServerTls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.micrometer.core.instrument.MeterRegistry;

/** The certificate and kernel limits every mail protocol service shares. */
@AutoConfiguration
@EnableConfigurationProperties({TlsProperties.class, KernelProperties.class})
public class ProtocolServiceAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ServerTls serverTls(TlsProperties properties, ObjectProvider<MeterRegistry> registry,
                        @Value("${mailplatform.hostname:localhost}") String hostname) {
        return ServerTls.start(properties.toSettings(hostname), registry.getIfAvailable());
    }
}
