package org.mailplatform.records.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.records.topics.TopicSpec;
import org.mailplatform.testsupport.SettingSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/** Per-topic overrides: one setting changes only itself, and one the binding would drop stops the start. */
class TopicOverrideNamesTest {

    private static MailTopics topics(Environment environment) {
        MailTopics topics = Binder.get(environment).bindOrCreate("mailplatform.kafka", MailKafkaProperties.class).mailTopics();
        TopicOverrideNames.check(environment, topics);
        return topics;
    }

    @ParameterizedTest
    @EnumSource(value = SettingSource.class, names = "ENVIRONMENT_VARIABLE", mode = EnumSource.Mode.EXCLUDE)
    void partitionsAloneKeepTheCataloguesOtherSettings(SettingSource source) {
        TopicSpec catalogue = MailTopics.defaults().get("mail.outbound");

        TopicSpec outbound = topics(source.environmentWith(Map.of("mailplatform.kafka.topics[mail.outbound].partitions", "12")))
                .get("mail.outbound");

        assertThat(outbound.partitions()).isEqualTo(12);
        assertThat(outbound.retention()).isEqualTo(catalogue.retention());
    }

    @ParameterizedTest
    @EnumSource(value = SettingSource.class, names = "ENVIRONMENT_VARIABLE", mode = EnumSource.Mode.EXCLUDE)
    void misspelledSettingStopsTheStart(SettingSource source) {
        Environment environment = source.environmentWith(Map.of("mailplatform.kafka.topics[mail.outbound].partition", "12"));

        assertThatThrownBy(() -> topics(environment))
                .hasMessageStartingWith("mailplatform.kafka.topics[mail.outbound].partition is not a topic setting");
    }

    @Test
    void environmentVariableStopsTheStartInsteadOfBeingIgnored() {
        Environment environment = SettingSource.environmentWithVariables(
                Map.of("MAILPLATFORM_KAFKA_TOPICS_MAIL_OUTBOUND_PARTITIONS", "12"));

        assertThatThrownBy(() -> topics(environment))
                .hasMessageContaining("mailplatform.kafka.topics.mail.outbound.partitions is not a topic setting")
                .hasMessageContaining("MAILPLATFORM_KAFKA_TOPICS_MAIL_OUTBOUND_PARTITIONS");
    }
}
