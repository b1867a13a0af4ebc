package org.mailplatform.records.autoconfigure;

import org.apache.kafka.clients.admin.NewTopic;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.records.topics.TopicSpec;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topic catalogue as a bean, and its topics declared to {@link KafkaAdmin}, which creates the
 * missing ones (and adds partitions to existing ones) when the context starts.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(MailKafkaProperties.class)
public class MailTopicsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public MailTopics mailTopics(MailKafkaProperties properties, Environment environment) {
        MailTopics topics = properties.mailTopics();
        TopicOverrideNames.check(environment, topics);
        return topics;
    }

    @Bean
    @ConditionalOnProperty(prefix = "mailplatform.kafka", name = "create-topics", havingValue = "true",
            matchIfMissing = true)
    public KafkaAdmin.NewTopics mailPlatformNewTopics(MailTopics topics) {
        return new KafkaAdmin.NewTopics(topics.all().stream().map(TopicSpec::toNewTopic).toArray(NewTopic[]::new));
    }
}
