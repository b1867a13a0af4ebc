package org.mailplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailplatform.records.MailSizeLimits;
import org.mailplatform.records.autoconfigure.MailKafkaProperties;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.records.topics.TopicSpec;

/** The topics the chart declares: the catalogue of mail-records, as the services and the topics Job see it. */
class KafkaTopicsTest {

    private static final YamlNode VALUES = YamlNode.parse(ProjectFiles.read("helm/mail-platform/values.yaml"));

    @Test
    void theValuesDeclareTheCatalogueOfMailRecords() {
        Map<String, YamlNode> declared = VALUES.at("kafka.topics").fields();
        List<TopicSpec> catalogue = MailTopics.defaults().all();

        assertThat(declared.keySet()).containsExactlyInAnyOrderElementsOf(catalogue.stream().map(TopicSpec::name).toList());
        for (TopicSpec spec : catalogue) {
            YamlNode topic = declared.get(spec.name());
            assertThat(topic.field("partitions").integer()).as(spec.name()).isEqualTo(spec.partitions());
            assertThat(Duration.ofMillis(topic.field("retentionMs").longValue())).as(spec.name()).isEqualTo(spec.retention());
            assertThat(topic.field("maxMessageBytes").integer()).as(spec.name()).isEqualTo(spec.maxMessageBytes());
        }
        MailSizeLimits limits = MailSizeLimits.defaults();
        assertThat(VALUES.at("kafka.maxMessageSizeBytes").longValue()).isEqualTo(limits.maxMessageBytes());
        assertThat(VALUES.at("kafka.envelopeAllowanceBytes").longValue()).isEqualTo(limits.envelopeAllowanceBytes());
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void everyServiceCreatesTheTopicsTheChartDeclares(PlatformService service) {
        MailTopics bound = DeploymentsTest.configuration(service)
                .bind("mailplatform.kafka", MailKafkaProperties.class).mailTopics();
        Map<String, YamlNode> declared = VALUES.at("kafka.topics").fields();

        assertThat(bound.all()).hasSameSizeAs(declared.keySet());
        for (TopicSpec spec : bound.all()) {
            YamlNode topic = declared.get(spec.name());
            assertThat(spec.partitions()).as(spec.name()).isEqualTo(topic.field("partitions").integer());
            assertThat(spec.retention().toMillis()).as(spec.name()).isEqualTo(topic.field("retentionMs").longValue());
            assertThat(spec.maxMessageBytes()).as(spec.name()).isEqualTo(topic.field("maxMessageBytes").integer());
            // The broker's defaults: right on a one-broker Kafka and on a cluster configured for durability.
            assertThat(spec.replicationFactor()).as(spec.name()).isEqualTo(TopicSpec.BROKER_DEFAULT);
            assertThat(spec.minInSyncReplicas()).as(spec.name()).isEqualTo(TopicSpec.BROKER_DEFAULT);
        }
    }

    @Test
    void byDefaultTheTopicsJobLeavesReplicationToTheBroker() {
        String script = topicsScript(HelmChart.render(HooksTest.WITHOUT_HOOKS));

        assertThat(script).contains("--topic mail.outbound --partitions 6 --config retention.ms=");
        assertThat(script).doesNotContain("--replication-factor").doesNotContain("min.insync.replicas");
    }

    @Test
    void aClusterSetsReplicationForTheServicesAndTheTopicsJobAlike() {
        Manifests manifests = HelmChart.renderWithValues("""
                helmHooks: false
                kafka:
                  replicationFactor: 3
                  minInsyncReplicas: 2
                """);
        TopicSpec outbound = ServiceConfiguration.of(manifests.get("ConfigMap", PlatformService.MTA.objectName()))
                .bind("mailplatform.kafka", MailKafkaProperties.class).mailTopics().get(MailTopics.OUTBOUND);

        assertThat(outbound.replicationFactor()).isEqualTo(3);
        assertThat(outbound.minInSyncReplicas()).isEqualTo(2);
        assertThat(topicsScript(manifests)).contains("--topic mail.outbound --partitions 6 --replication-factor 3 --config")
                .contains("min.insync.replicas=2");
    }

    @Test
    void anOperatorsOverrideReachesTheServicesAndTheTopicsJob() {
        Manifests manifests = HelmChart.renderWithValues("""
                helmHooks: false
                kafka:
                  topics:
                    mail.outbound:
                      partitions: 12
                      retentionMs: 1209600000
                """);

        TopicSpec outbound = ServiceConfiguration.of(manifests.get("ConfigMap", PlatformService.MSA.objectName()))
                .bind("mailplatform.kafka", MailKafkaProperties.class).mailTopics().get(MailTopics.OUTBOUND);
        assertThat(outbound.partitions()).isEqualTo(12);
        assertThat(outbound.retention()).isEqualTo(Duration.ofDays(14));
        assertThat(outbound.maxMessageBytes()).as("untouched").isEqualTo(28311552);
        assertThat(topicsScript(manifests))
                .contains("--topic mail.outbound --partitions 12 --config retention.ms=1209600000");
    }

    @Test
    void theTopicsJobCreatesTheDeclaredTopicsOnARealBrokerAndAppliesChangesOnUpgrade() throws Exception {
        String bootstrap = org.mailplatform.testsupport.TestKafka.get().bootstrapServers();
        // The defaults: replication left to the one broker.
        String singleBroker = """
                helmHooks: false
                kafka:
                  bootstrapServers: %s
                """.formatted(bootstrap);
        KafkaTopicsJob install = KafkaTopicsJob.of(HelmChart.renderWithValues(singleBroker).get("Job", "mail-platform-topics"));

        install.run();

        Map<String, Map<String, String>> configs = install.describeTopicConfigs();
        Map<String, Integer> partitions = install.describePartitions();
        for (TopicSpec spec : MailTopics.defaults().all()) {
            assertThat(partitions.get(spec.name())).as(spec.name()).isEqualTo(spec.partitions());
            assertThat(configs.get(spec.name()))
                    .as(spec.name())
                    .containsEntry("retention.ms", String.valueOf(spec.retention().toMillis()))
                    .containsEntry("max.message.bytes", String.valueOf(spec.maxMessageBytes()));
        }

        KafkaTopicsJob upgrade = KafkaTopicsJob.of(HelmChart.renderWithValues(singleBroker + """
                  topics:
                    mail.deadletter:
                      retentionMs: 3888000000
                """).get("Job", "mail-platform-topics"));
        upgrade.run();

        Map<String, String> deadLetter = upgrade.describeTopicConfigs().get(MailTopics.DEAD_LETTER);
        assertThat(deadLetter).containsEntry("retention.ms", String.valueOf(Duration.ofDays(45).toMillis()));
        Map<String, Map<String, String>> others = new LinkedHashMap<>(upgrade.describeTopicConfigs());
        others.remove(MailTopics.DEAD_LETTER);
        assertThat(others).isEqualTo(withoutKey(configs, MailTopics.DEAD_LETTER));
    }

    private static Map<String, Map<String, String>> withoutKey(Map<String, Map<String, String>> map, String key) {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>(map);
        copy.remove(key);
        return copy;
    }

    private static String topicsScript(Manifests manifests) {
        return manifests.get("Job", "mail-platform-topics").at("spec.template.spec.containers").items()
                .getFirst().field("args").items().getFirst().text();
    }
}
