package org.mailplatform.mta.inbound;

import java.time.Clock;
import java.time.Duration;

import org.mailplatform.protocolservice.KernelProperties;
import org.mailplatform.protocolservice.MailProtocolServer;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.smtp.SmtpServiceMetrics;
import org.mailplatform.smtp.SmtpSettings;
import org.mailplatform.smtp.server.SmtpSessionFactory;
import org.mailplatform.store.account.RecipientResolver;
import org.mailplatform.tls.ServerTls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Wires port 25: SMTP listener → conversation (no AUTH) → transfer policy → Kafka {@code mail.delivery}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InboundProperties.class)
class InboundConfiguration {

    @Bean
    SmtpServiceMetrics inboundMetrics(ObjectProvider<MeterRegistry> registry) {
        return new SmtpServiceMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), "mail.mta.inbound");
    }

    @Bean
    TransferPolicy transferPolicy(@Value("${mailplatform.hostname:localhost}") String hostname,
                                  RecipientResolver resolver, MailRecordPublisher publisher,
                                  InboundProperties properties, SmtpServiceMetrics metrics) {
        return new TransferPolicy(hostname, resolver, publisher, properties, metrics, Clock.systemDefaultZone());
    }

    @Bean
    MailProtocolServer inboundServer(@Value("${mailplatform.hostname:localhost}") String hostname,
                                     InboundProperties p, TransferPolicy policy, SmtpServiceMetrics metrics,
                                     KernelProperties kernel, ServerTls tls, ObjectProvider<MeterRegistry> registry,
                                     Environment environment,
                                     @Value("${mailplatform.mta.inbound.message-deadline:30m}") Duration messageDeadline,
                                     @Value("${mailplatform.mta.inbound.max-junk-commands:100}") int maxJunkCommands) {
        SmtpSettings settings = SmtpSettings.transfer(hostname)
                .withMaxMessageSize(p.maxMessageSize().toBytes())
                .withMaxRecipients(p.maxRecipients())
                .withIdleTimeout(p.idleTimeout())
                .withForbidUnauthPipelining(p.forbidUnauthPipelining())
                .withGreetingDelay(p.greetingDelay())
                .withMaxErrors(p.maxErrors())
                .withMaxJunkCommands(maxJunkCommands);
        return new MailProtocolServer("smtp", new SmtpSessionFactory(settings, policy, null, metrics, messageDeadline),
                InboundProperties.LISTENERS.specs(environment, p.bindAddress()), kernel.toSettings(), tls,
                registry.getIfAvailable());
    }
}
