package org.mailplatform.msa;

import java.time.Clock;

import org.mailplatform.auth.sasl.SaslAuthenticator;
import org.mailplatform.msa.submission.RecipientRateLimiter;
import org.mailplatform.msa.submission.SenderOwnership;
import org.mailplatform.msa.submission.SubmissionPolicy;
import org.mailplatform.msa.submission.SubmissionRateLimiter;
import org.mailplatform.protocolservice.KernelProperties;
import org.mailplatform.protocolservice.MailProtocolServer;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.smtp.SmtpServiceMetrics;
import org.mailplatform.smtp.SmtpSettings;
import org.mailplatform.smtp.server.SmtpSessionFactory;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.account.DisabledAccounts;
import org.mailplatform.store.account.RecipientResolver;
import org.mailplatform.store.rate.RollingCounters;
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

/** Wires submission: SMTP listeners → conversation → policy → Kafka {@code mail.outbound}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MsaProperties.class)
class MsaConfiguration {

    @Bean
    SmtpSettings submissionSettings(MsaProperties p, @Value("${mailplatform.hostname:localhost}") String hostname,
                                    @Value("${mailplatform.local-dev:false}") boolean localDev) {
        return SmtpSettings.submission(hostname)
                .withMaxMessageSize(p.maxMessageSize().toBytes())
                .withMaxRecipients(p.maxRecipients())
                .withAllowPlaintextAuth(p.allowPlaintextAuth() || localDev)
                .withIdleTimeout(p.idleTimeout())
                .withForbidUnauthPipelining(p.forbidUnauthPipelining())
                .withGreetingDelay(p.greetingDelay())
                .withMaxErrors(p.maxErrors())
                .withMaxCommandsBeforeAuth(p.maxCommandsBeforeAuth())
                .withMaxJunkCommands(p.maxJunkCommands());
    }

    @Bean
    SmtpServiceMetrics submissionMetrics(ObjectProvider<MeterRegistry> registry) {
        return new SmtpServiceMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), "mail.msa");
    }

    @Bean
    SubmissionPolicy submissionPolicy(SmtpSettings settings, AccountRepository accounts, RecipientResolver resolver,
                                      MailRecordPublisher publisher, MsaProperties p, SmtpServiceMetrics metrics,
                                      RollingCounters rollingCounters, Environment environment, MailTracing tracing,
                                      MessageEventLog events) {
        return new SubmissionPolicy(settings.hostname(), new SenderOwnership(accounts, resolver),
                new SubmissionRateLimiter(p.rateLimit().perAccountPerMinute(), p.rateLimit().perAddressPerMinute(),
                        Clock.systemUTC()),
                new RecipientRateLimiter(p.rateLimit().recipientsPerAccountPerHour(), rollingCounters, Clock.systemUTC()),
                publisher, metrics, Clock.systemDefaultZone(), resolver,
                DisabledAccounts.parse(environment.getProperty(DisabledAccounts.PROPERTY, "accept")), tracing, events);
    }

    @Bean
    MailProtocolServer submissionServer(SmtpSettings settings, SubmissionPolicy policy, SaslAuthenticator sasl,
                                        SmtpServiceMetrics metrics, MsaProperties p, KernelProperties kernel,
                                        ServerTls tls, ObjectProvider<MeterRegistry> registry, Environment environment) {
        return new MailProtocolServer("smtp", new SmtpSessionFactory(settings, policy, sasl, metrics),
                MsaProperties.LISTENERS.specs(environment, p.bindAddress()), kernel.toSettings(), tls,
                registry.getIfAvailable());
    }
}
