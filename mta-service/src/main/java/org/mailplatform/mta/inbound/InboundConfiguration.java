package org.mailplatform.mta.inbound;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.mailplatform.mta.dns.DnsResolver;
import org.mailplatform.mta.dnsbl.DnsblChecker;
import org.mailplatform.mta.dnsbl.DnsblProperties;
import org.mailplatform.mta.milter.MilterChain;
import org.mailplatform.mta.outbound.NextHop;
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

/**
 * Wires port 25: SMTP listener → conversation (no AUTH) → transfer policy (DNS blocklists at
 * connect, milters at end of DATA) → Kafka {@code mail.delivery}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({InboundProperties.class, MilterProperties.class, DnsblProperties.class})
class InboundConfiguration {

    @Bean
    SmtpServiceMetrics inboundMetrics(ObjectProvider<MeterRegistry> registry) {
        return new SmtpServiceMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), "mail.mta.inbound");
    }

    @Bean
    MilterMetrics milterMetrics(ObjectProvider<MeterRegistry> registry) {
        return new MilterMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    InboundMilters inboundMilters(@Value("${mailplatform.hostname:localhost}") String hostname,
                                  MilterProperties milters, MilterMetrics metrics) {
        return new InboundMilters(new MilterChain(milters.settings(), hostname, metrics), milters.junkHeaders());
    }

    @Bean
    ClientBlocklists clientBlocklists(DnsblProperties dnsbl, ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
        List<InetSocketAddress> servers = dnsbl.dnsServers().stream().map(s -> {
            NextHop hop = NextHop.parse(s, 53);
            return new InetSocketAddress(hop.host(), hop.port());
        }).toList();
        DnsblChecker checker = new DnsblChecker(dnsbl.parsedZones(), new DnsResolver(servers, dnsbl.timeout()),
                ClientBlocklists.listingCounter(meters));
        return new ClientBlocklists(checker, dnsbl.threshold(), meters);
    }

    @Bean
    TransferPolicy transferPolicy(@Value("${mailplatform.hostname:localhost}") String hostname,
                                  RecipientResolver resolver, MailRecordPublisher publisher,
                                  InboundProperties properties, SmtpServiceMetrics metrics,
                                  ClientBlocklists blocklists, InboundMilters milters, MilterMetrics milterMetrics) {
        return new TransferPolicy(hostname, resolver, publisher, properties, metrics, Clock.systemDefaultZone(),
                blocklists, milters, milterMetrics);
    }

    @Bean
    MailProtocolServer inboundServer(@Value("${mailplatform.hostname:localhost}") String hostname,
                                     InboundProperties p, TransferPolicy policy, SmtpServiceMetrics metrics,
                                     KernelProperties kernel, ServerTls tls, ObjectProvider<MeterRegistry> registry,
                                     Environment environment,
                                     @Value("${mailplatform.mta.inbound.message-deadline:30m}") Duration messageDeadline) {
        SmtpSettings settings = SmtpSettings.transfer(hostname)
                .withMaxMessageSize(p.maxMessageSize().toBytes())
                .withMaxRecipients(p.maxRecipients())
                .withIdleTimeout(p.idleTimeout())
                .withForbidUnauthPipelining(p.forbidUnauthPipelining())
                .withGreetingDelay(p.greetingDelay())
                .withMaxErrors(p.maxErrors());
        return new MailProtocolServer("smtp", new SmtpSessionFactory(settings, policy, null, metrics, messageDeadline),
                InboundProperties.LISTENERS.specs(environment, p.bindAddress()), kernel.toSettings(), tls,
                registry.getIfAvailable());
    }
}
