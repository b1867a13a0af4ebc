package org.mailplatform.msgauth.srs.autoconfigure;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.mailplatform.msgauth.srs.SenderRewriting;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The SRS codec and meters for the services that forward (MDA) and take bounces (MTA). With
 * {@code mailplatform.srs.enabled=false} there is no {@link SenderRewriting} bean and both leave
 * addresses alone.
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration")
@EnableConfigurationProperties(SrsProperties.class)
public class SrsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SrsMetrics srsMetrics(ObjectProvider<MeterRegistry> registry) {
        return new SrsMetrics(registry.getIfUnique(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "mailplatform.srs", name = "enabled", havingValue = "true", matchIfMissing = true)
    SenderRewriting senderRewriting(SrsProperties properties) {
        return new SenderRewriting(properties.secrets(), properties.maxAge(), Clock.systemUTC());
    }
}
