package org.mailplatform.records.autoconfigure;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.mailplatform.records.publish.AcknowledgedSender;
import org.mailplatform.records.publish.DeadLetterListener;
import org.mailplatform.records.publish.DeadLetterPublisher;
import org.mailplatform.records.publish.DeliveryReportPublisher;
import org.mailplatform.records.publish.MailProducerSettings;
import org.mailplatform.records.publish.MailRecordPublisher;
import org.mailplatform.records.publish.MailboxEventPublisher;
import org.mailplatform.records.publish.MicrometerPublishObserver;
import org.mailplatform.records.publish.PublishObserver;
import org.mailplatform.records.tracing.MailTracing;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * One acknowledged sender (one idempotent producer) per service and the typed publishers on it.
 * Connection settings come from {@code spring.kafka.*} (bootstrap servers, security, extra
 * properties); durability, compression and sizes from {@link MailProducerSettings}, which win.
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, MailTopicsAutoConfiguration.class})
@EnableConfigurationProperties({MailKafkaProperties.class, KafkaProperties.class})
public class MailPublisherAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public MailProducerSettings mailProducerSettings(MailKafkaProperties mail, KafkaProperties kafka,
                                                     ObjectProvider<KafkaConnectionDetails> connectionDetails) {
        Map<String, Object> client = kafka.buildProducerProperties();
        KafkaConnectionDetails details = connectionDetails.getIfAvailable();
        List<String> servers = details != null ? details.getProducer().getBootstrapServers()
                : kafka.getBootstrapServers();
        return mail.producerSettings(String.join(",", servers), client);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public AcknowledgedSender mailAcknowledgedSender(MailProducerSettings settings,
                                                     ObjectProvider<PublishObserver> observer,
                                                     ObjectProvider<MailTracing> tracing) {
        return AcknowledgedSender.create(settings, observer.getIfAvailable(() -> PublishObserver.NONE),
                tracing.getIfAvailable(() -> MailTracing.OFF));
    }

    @Bean
    @ConditionalOnMissingBean
    public MailRecordPublisher mailRecordPublisher(AcknowledgedSender sender) {
        return new MailRecordPublisher(sender);
    }

    @Bean
    @ConditionalOnMissingBean
    public MailboxEventPublisher mailboxEventPublisher(AcknowledgedSender sender) {
        return new MailboxEventPublisher(sender);
    }

    @Bean
    @ConditionalOnMissingBean
    public DeliveryReportPublisher deliveryReportPublisher(AcknowledgedSender sender) {
        return new DeliveryReportPublisher(sender);
    }

    @Bean
    @ConditionalOnMissingBean
    public DeadLetterPublisher deadLetterPublisher(AcknowledgedSender sender, Environment environment,
                                                   ObjectProvider<DeadLetterListener> listener) {
        return new DeadLetterPublisher(sender, environment.getProperty("spring.application.name", "unnamed"),
                listener.getIfAvailable(() -> DeadLetterListener.NONE));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class PublishMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        PublishObserver mailPublishObserver(ObjectProvider<MeterRegistry> registry) {
            MeterRegistry meters = registry.getIfUnique();
            return meters == null ? PublishObserver.NONE : new MicrometerPublishObserver(meters);
        }
    }
}
