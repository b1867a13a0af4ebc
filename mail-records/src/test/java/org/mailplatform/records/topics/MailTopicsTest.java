package org.mailplatform.records.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.mailplatform.records.MailSizeLimits;

class MailTopicsTest {

    private final MailTopics topics = MailTopics.defaults();

    @Test
    void catalogueDeclaresEveryTopicTheServicesUse() {
        assertThat(topics.all()).extracting(TopicSpec::name).containsExactly(
                "mail.outbound", "mail.delivery", "mailbox.events", "mail.delivery.reports",
                "mail.retry.1m", "mail.retry.5m", "mail.retry.15m", "mail.retry.30m", "mail.retry.1h",
                "mail.retry.2h", "mail.deadletter");
    }

    @Test
    void mailCarryingTopicsTakeTheLargestRecordTheProducerSends() {
        int producerLimit = MailSizeLimits.defaults().producerMaxRequestBytes();
        for (String name : new String[] {MailTopics.OUTBOUND, MailTopics.DELIVERY, MailTopics.DELIVERY_REPORTS,
                MailTopics.DEAD_LETTER, RetryTier.TWO_HOURS.topic()}) {
            assertThat(topics.get(name).maxMessageBytes()).as(name).isGreaterThan(producerLimit);
        }
        assertThat(topics.get(MailTopics.MAILBOX_EVENTS).maxMessageBytes()).isLessThan(producerLimit);
    }

    @Test
    void queuedMailOutlivesTheRetryWindow() {
        // RFC 5321 4.5.4.1: give up after at least 4-5 days.
        for (TopicSpec spec : topics.all()) {
            if (!spec.name().equals(MailTopics.MAILBOX_EVENTS)) {
                assertThat(spec.retention()).as(spec.name()).isGreaterThanOrEqualTo(Duration.ofDays(5));
            }
        }
    }

    @Test
    void specBecomesANewTopicWithItsConfigs() {
        NewTopic topic = topics.get(MailTopics.OUTBOUND).withReplicationFactor(3).withMinInSyncReplicas(2)
                .toNewTopic();
        assertThat(topic.name()).isEqualTo("mail.outbound");
        assertThat(topic.numPartitions()).isEqualTo(6);
        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs()).containsAllEntriesOf(Map.of(
                "retention.ms", Long.toString(Duration.ofDays(7).toMillis()),
                "max.message.bytes", Integer.toString(MailSizeLimits.defaults().topicMaxMessageBytes()),
                "min.insync.replicas", "2",
                "cleanup.policy", "delete"));
        assertThat(topics.get(MailTopics.OUTBOUND).toNewTopic().replicationFactor()).isEqualTo((short) -1);
    }

    @Test
    void sizesFollowTheConfiguredMessageLimit() {
        MailTopics big = MailTopics.defaults(new MailSizeLimits(50L << 20, 1L << 20));
        assertThat(big.get(MailTopics.DELIVERY).maxMessageBytes()).isEqualTo((52 << 20));
    }

    @Test
    void invalidSpecsAreRefused() {
        TopicSpec spec = topics.get(MailTopics.OUTBOUND);
        assertThatThrownBy(() -> spec.withPartitions(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> spec.withReplicationFactor(1).withMinInSyncReplicas(2))
                .hasMessageContaining("min.insync.replicas");
        assertThatThrownBy(() -> spec.withRetention(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> topics.get("mail.nope")).hasMessageContaining("mail.nope");
        assertThatThrownBy(() -> MailTopics.of(java.util.List.of(spec, spec))).hasMessageContaining("twice");
        assertThatThrownBy(() -> new TopicSpec("bad name", 1, -1, Duration.ofDays(1), 2048, -1, "", "", ""))
                .hasMessageContaining("topic name");
    }

    @Test
    void mapChangesOnlyTheNamedTopic() {
        MailTopics changed = topics.map(MailTopics.DELIVERY, s -> s.withPartitions(24));
        assertThat(changed.get(MailTopics.DELIVERY).partitions()).isEqualTo(24);
        assertThat(changed.get(MailTopics.OUTBOUND).partitions()).isEqualTo(6);
        assertThat(topics.get(MailTopics.DELIVERY).partitions()).isEqualTo(6);
    }
}
