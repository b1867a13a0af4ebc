package org.mailplatform.mta.outbound;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.mailplatform.mta.client.ClientTls;
import org.mailplatform.mta.client.SmtpClient;
import org.mailplatform.mta.client.SmtpClientSettings;
import org.mailplatform.mta.dns.DnsResolver;
import org.mailplatform.mta.dns.MailExchangers;
import org.mailplatform.mta.dsn.DsnDispatcher;
import org.mailplatform.mta.dsn.DsnMessageWriter;
import org.mailplatform.mta.dsn.DsnProperties;
import org.mailplatform.mta.outbound.dane.DaneLookup;
import org.mailplatform.mta.outbound.security.TlsRequirementSource;
import org.mailplatform.mta.outbound.security.TransportSecurity;
import org.mailplatform.mta.outbound.limits.DestinationLimitProperties;
import org.mailplatform.mta.outbound.limits.DestinationLimiter;
import org.mailplatform.mta.signing.OutboundSigner;
import org.mailplatform.mta.srs.SrsAddresses;
import org.mailplatform.records.consume.MailConsumerSettings;
import org.mailplatform.records.publish.AcknowledgedSender;
import org.mailplatform.records.publish.DeadLetterPublisher;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.records.tracing.MailTracing;
import org.mailplatform.store.trace.MessageEventLog;
import org.mailplatform.store.rate.RollingCounters;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the outbound side: queue consumers → routing → SMTP client → retries and DSNs. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RelayProperties.class, OutboundProperties.class, DsnProperties.class,
        DestinationLimitProperties.class})
class OutboundConfiguration {

    @Bean
    OutboundMetrics outboundMetrics(ObjectProvider<MeterRegistry> registry) {
        return new OutboundMetrics(registry.getIfUnique(SimpleMeterRegistry::new), Clock.systemUTC());
    }

    @Bean
    DnsResolver outboundDnsResolver(RelayProperties relay) {
        return new DnsResolver(relay.dnsServerAddresses(), relay.dnsTimeout());
    }

    @Bean
    SmtpClient outboundSmtpClient(RelayProperties relay, OutboundMetrics metrics,
                                  @Value("${mailplatform.hostname:localhost}") String hostname) {
        RelayProperties.Timeouts t = relay.timeouts();
        SmtpClientSettings settings = new SmtpClientSettings(hostname, t.connect(), t.greeting(), t.command(),
                t.dataInit(), t.dataBlock(), t.dataEnd(), relay.preferChunking());
        String caFile = relay.smartHostCaFile();
        ClientTls tls = ClientTls.create(caFile == null || caFile.isBlank() ? null : Path.of(caFile));
        return new SmtpClient(settings, tls, metrics);
    }

    /**
     * The TLS demands MX destinations publish (MTA-STS), in the {@code @Order} of their source beans. DANE
     * comes before them, per host, in {@link DestinationRun} (RFC 8461 2).
     */
    @Bean
    TransportSecurity outboundTransportSecurity(ObjectProvider<TlsRequirementSource> sources) {
        return new TransportSecurity(sources.orderedStream().toList());
    }

    @Bean
    RemoteDelivery outboundRemoteDelivery(RelayProperties relay, DnsResolver dns, SmtpClient client,
                                          TransportSecurity security, ObjectProvider<DaneLookup> dane,
                                          DestinationLimiter limiter,
                                          @Value("${mailplatform.hostname:localhost}") String hostname) {
        MailExchangers exchangers = new MailExchangers(dns, hostname, new SecureRandom(), relay.maxAddresses());
        return new RemoteDelivery(new RouteResolver(exchangers), client, relay.parallelDestinations(),
                relay.maxRecipientsPerTransaction(), security, dane.getIfAvailable(), limiter);
    }

    @Bean
    DestinationLimiter outboundDestinationLimiter(DestinationLimitProperties limits, RollingCounters counters,
                                                  ObjectProvider<MeterRegistry> registry) {
        return new DestinationLimiter(limits, counters, registry.getIfUnique(SimpleMeterRegistry::new), Clock.systemUTC());
    }

    @Bean
    RoutingTable outboundRoutingTable(RelayProperties relay) {
        return new RoutingTable(relay);
    }

    @Bean
    DsnDispatcher outboundDsnDispatcher(DomainRepository domains, MailRecordPublisher publisher, OutboundMetrics metrics,
                                        SrsAddresses srsAddresses,
                                        @Value("${mailplatform.hostname:localhost}") String hostname) {
        return new DsnDispatcher(new DsnMessageWriter(hostname, ZoneId.systemDefault()), domains::isLocal, publisher,
                Clock.systemUTC(), metrics, srsAddresses::returnPath);
    }

    @Bean
    RetryPublisher outboundRetryPublisher(AcknowledgedSender sender) {
        return new RetryPublisher(sender);
    }

    @Bean
    OutboundProcessor outboundProcessor(DomainRepository domains, RoutingTable routes, RemoteDelivery remote,
                                        MailRecordPublisher publisher, RetryPublisher retries, DsnDispatcher dsn,
                                        OutboundProperties outbound, DsnProperties dsnProperties, OutboundMetrics metrics,
                                        OutboundSigner signer, MailTracing tracing, MessageEventLog events) {
        return new OutboundProcessor(domains::isLocal, routes, remote, publisher, retries, dsn, outbound.schedule(),
                dsnProperties, metrics, Clock.systemUTC(), signer::sign, tracing, events);
    }

    @Bean
    ReportProcessor outboundReportProcessor(DsnDispatcher dsn, RetryPublisher retries, OutboundProperties outbound,
                                            DsnProperties dsnProperties) {
        return new ReportProcessor(dsn, retries, outbound.schedule(), dsnProperties, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnProperty(prefix = "mailplatform.mta.outbound", name = "enabled", havingValue = "true", matchIfMissing = true)
    OutboundWorkers outboundWorkers(OutboundProperties outbound, MailConsumerSettings consumerSettings,
                                    OutboundProcessor processor, ReportProcessor reports,
                                    DeadLetterPublisher deadLetters, OutboundMetrics metrics, MailTracing tracing,
                                    ObjectProvider<MeterRegistry> registry) {
        return new OutboundWorkers(outbound, consumerSettings, processor, reports, deadLetters, metrics,
                Clock.systemUTC(), tracing, registry.getIfUnique());
    }
}
