package org.mailplatform.mta.outbound.sts;

import java.nio.file.Path;
import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.mailplatform.mta.client.ClientTls;
import org.mailplatform.mta.client.SmtpClient;
import org.mailplatform.mta.dns.DnsResolver;
import org.mailplatform.mta.outbound.OutboundMetrics;
import org.mailplatform.mta.outbound.https.HttpsClient;
import org.mailplatform.mta.outbound.security.TransportSecurity;
import org.mailplatform.mta.outbound.tlsrpt.TlsReportCounter;
import org.mailplatform.mta.outbound.tlsrpt.TlsReportScheduler;
import org.mailplatform.mta.outbound.tlsrpt.TlsReportSender;
import org.mailplatform.mta.outbound.tlsrpt.TlsRptProperties;
import org.mailplatform.mta.outbound.tlsrpt.TlsSessionRecorder;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.store.transport.MtaStsPolicyRepository;
import org.mailplatform.store.transport.TlsReportRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires MTA-STS (RFC 8461) into MX delivery and the TLS reports (RFC 8460) that go with it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MtaStsProperties.class, TlsRptProperties.class})
class MtaStsConfiguration {

    /** Fetches policies and posts reports; trusts the CAs configured for MTA-STS. */
    @Bean
    HttpsClient transportSecurityHttpsClient(MtaStsProperties sts, DnsResolver dns,
                                             @Value("${mailplatform.hostname:localhost}") String hostname) {
        return new HttpsClient(dns, ClientTls.verifyingContext(caFile(sts)), sts.fetchTimeout(), "mailplatform-mta (" + hostname + ")");
    }

    @Bean
    TlsReportRepository tlsReportRepository(DataSource dataSource) {
        return new TlsReportRepository(JdbcClient.create(dataSource));
    }

    @Bean
    TlsSessionRecorder tlsSessionRecorder(TlsRptProperties tlsRpt, TlsReportRepository repository) {
        return tlsRpt.enabled() ? new TlsReportCounter(repository, Clock.systemUTC()) : TlsSessionRecorder.NONE;
    }

    @Bean
    @Order(TransportSecurity.MTA_STS_ORDER)
    @ConditionalOnProperty(prefix = "mailplatform.mta.outbound.mta-sts", name = "enabled", havingValue = "true", matchIfMissing = true)
    StsRequirementSource mtaStsRequirementSource(MtaStsProperties sts, DnsResolver dns, DataSource dataSource,
                                                 HttpsClient https, SmtpClient client, OutboundMetrics clientMetrics,
                                                 TlsSessionRecorder recorder, ObjectProvider<MeterRegistry> registry) {
        StsMetrics metrics = new StsMetrics(registry.getIfUnique(SimpleMeterRegistry::new));
        StsPolicies policies = new StsPolicies(dns, new MtaStsPolicyRepository(JdbcClient.create(dataSource)),
                new StsPolicyFetcher(https, sts.policyPort()), recorder, metrics, Clock.systemUTC());
        // RFC 8461 4.2: MX certificates are checked against the same CAs as the policy hosts'.
        SmtpClient verifying = new SmtpClient(client.settings(), ClientTls.create(caFile(sts)), clientMetrics);
        return new StsRequirementSource(policies, verifying, recorder, metrics);
    }

    @Bean
    TlsReportSender tlsReportSender(TlsRptProperties tlsRpt, TlsReportRepository repository, DnsResolver dns,
                                    MailRecordPublisher publisher, DomainRepository domains, HttpsClient https,
                                    ObjectProvider<MeterRegistry> registry,
                                    @Value("${mailplatform.hostname:localhost}") String hostname) {
        return new TlsReportSender(repository, dns, publisher, domains::isLocal, https, tlsRpt, hostname,
                registry.getIfUnique(SimpleMeterRegistry::new), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnProperty(prefix = "mailplatform.mta.outbound.tls-rpt", name = "enabled", havingValue = "true", matchIfMissing = true)
    TlsReportScheduler tlsReportScheduler(TlsReportSender sender, TlsRptProperties tlsRpt) {
        return new TlsReportScheduler(sender, tlsRpt.checkInterval());
    }

    private static Path caFile(MtaStsProperties sts) {
        return sts.caFile().isBlank() ? null : Path.of(sts.caFile());
    }
}
