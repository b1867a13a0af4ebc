package org.mailplatform.records.autoconfigure;

import java.util.List;

import org.mailplatform.records.consume.MailConsumerSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

/**
 * The client settings every consumer of the service is made with: connection settings from
 * {@code spring.kafka.*} (bootstrap servers, security, client properties), fetch sizes from the
 * record size limit and {@code mailplatform.kafka.consumer.*}; see {@link MailConsumerSettings}.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties({MailKafkaProperties.class, KafkaProperties.class})
public class MailConsumerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public MailConsumerSettings mailConsumerSettings(MailKafkaProperties mail, KafkaProperties kafka,
                                                     ObjectProvider<KafkaConnectionDetails> connectionDetails) {
        KafkaConnectionDetails details = connectionDetails.getIfAvailable();
        List<String> servers = details != null ? details.getConsumer().getBootstrapServers()
                : kafka.getBootstrapServers();
        return mail.consumerSettings(String.join(",", servers), kafka.buildConsumerProperties());
    }
}
