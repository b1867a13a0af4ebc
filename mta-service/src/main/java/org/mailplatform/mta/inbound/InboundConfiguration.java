package org.mailplatform.mta.inbound;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.mailplatform.msgauth.MessageAuthenticator;
import org.mailplatform.msgauth.dkim.DkimVerifier;
import org.mailplatform.msgauth.dmarc.DmarcVerifier;
import org.mailplatform.msgauth.spf.SpfVerifier;
import org.mailplatform.msgauth.srs.SenderRewriting;
import org.mailplatform.msgauth.srs.autoconfigure.SrsMetrics;
import org.mailplatform.msgauth.srs.autoconfigure.SrsProperties;
import org.mailplatform.mta.srs.SrsAddresses;
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
import org.mailplatform.store.account.DisabledAccounts;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.store.account.RecipientResolver;
import org.mailplatform.store.trace.MessageEventLog;
import org.mailplatform.tls.ServerTls;
import org.mailplatform.records.tracing.MailTracing;
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
 * connect; SRS and disabled mailboxes at RCPT; sender checks, then milters, at end of DATA) → Kafka
 * {@code mail.delivery} (or {@code mail.outbound} for bounces to forwards from elsewhere).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({InboundProperties.class, AuthenticationProperties.class, MilterProperties.class,
        DnsblProperties.class})
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
    SrsAddresses srsAddresses(ObjectProvider<SenderRewriting> srs, SrsProperties properties, DomainRepository domains,
                              SrsMetrics metrics) {
        return new SrsAddresses(srs.getIfAvailable(), domains::isLocal, properties.domain(), metrics);
    }

    @Bean
    TransferPolicy transferPolicy(@Value("${mailplatform.hostname:localhost}") String hostname,
                                  RecipientResolver resolver, MailRecordPublisher publisher,
                                  InboundProperties properties, SmtpServiceMetrics metrics,
                                  InboundAuthentication authentication, ClientBlocklists blocklists,
                                  InboundMilters milters, MilterMetrics milterMetrics, SrsAddresses srsAddresses,
                                  Environment environment, MailTracing tracing, MessageEventLog events) {
        return new TransferPolicy(hostname, resolver, publisher, properties, metrics, authentication,
                Clock.systemDefaultZone(), blocklists, milters, milterMetrics, srsAddresses,
                DisabledAccounts.parse(environment.getProperty(DisabledAccounts.PROPERTY, "accept")), tracing, events);
    }

    @Bean
    InboundAuthentication inboundAuthentication(@Value("${mailplatform.hostname:localhost}") String hostname,
                                                AuthenticationProperties p, DnsResolver dns,
                                                SmtpServiceMetrics metrics, ObjectProvider<MeterRegistry> registry) {
        String authservId = p.authservId().isBlank() ? hostname : p.authservId();
        MessageAuthenticator authenticator = new MessageAuthenticator(
                new MessageAuthenticator.Checks(authservId, p.spfEnabled(), p.dkimEnabled(), p.dmarcEnabled(),
                        p.arcEnabled()),
                new SpfVerifier(dns), new DkimVerifier(dns, Clock.systemUTC(), p.maxDkimSignatures()),
                new DmarcVerifier(dns, PublicSuffixes.load(p.publicSuffixList()), new SecureRandom()));
        return new InboundAuthentication(authenticator, p,
                new AuthenticationMetrics(registry.getIfAvailable(SimpleMeterRegistry::new)), metrics);
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
