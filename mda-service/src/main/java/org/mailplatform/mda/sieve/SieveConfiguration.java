package org.mailplatform.mda.sieve;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.mailplatform.mda.delivery.ForwardSender;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.sieve.SieveScriptRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the Sieve filter the delivery runs per account. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SieveProperties.class)
public class SieveConfiguration {

    @Bean
    SieveMetrics sieveMetrics(MeterRegistry registry) {
        return new SieveMetrics(registry);
    }

    @Bean
    SieveFilter sieveFilter(SieveProperties properties, SieveScriptRepository scripts, MailboxRepository mailboxes,
                            ForwardSender forwardSender, SieveMetrics metrics, Environment environment) {
        return new SieveFilter(scripts, mailboxes, forwardSender::of,
                environment.getProperty("mailplatform.hostname", "localhost"), properties, metrics, Clock.systemUTC());
    }

    @Bean
    VacationReplyPurge vacationReplyPurge(SieveProperties properties, SieveScriptRepository scripts) {
        return new VacationReplyPurge(scripts, properties.vacationPurgeInterval());
    }
}
