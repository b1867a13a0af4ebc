package org.mailplatform.records.autoconfigure;

import java.util.List;

import org.mailplatform.records.topics.MailTopics;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * The names under {@code mailplatform.kafka.topics} must be {@code [<topic>].<setting>} of a
 * catalogue topic. Spring's map binding drops any other name without a word: a misspelled setting
 * ({@code partition}), or an environment variable, whose name cannot hold a topic name's dots
 * ({@code MAILPLATFORM_KAFKA_TOPICS_MAIL_OUTBOUND_PARTITIONS}). Such a name stops the start instead.
 */
final class TopicOverrideNames {

    static final String PROPERTY = "mailplatform.kafka.topics";
    private static final List<String> SETTINGS = List.of("partitions", "replicationfactor", "retention", "mininsyncreplicas");

    private TopicOverrideNames() {
    }

    static void check(Environment environment, MailTopics catalogue) {
        ConfigurationPropertyName root = ConfigurationPropertyName.of(PROPERTY);
        int depth = root.getNumberOfElements();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource names)) {
                continue;
            }
            names.stream().filter(root::isAncestorOf).forEach(name -> {
                boolean known = name.getNumberOfElements() == depth + 2
                        && catalogue.contains(name.getElement(depth, Form.ORIGINAL))
                        && SETTINGS.contains(name.getElement(depth + 1, Form.UNIFORM));
                if (!known) {
                    throw new IllegalStateException(name + " is not a topic setting" + origin(source.getConfigurationProperty(name))
                            + ": give " + PROPERTY + "[<topic>].partitions, .replication-factor, .retention or"
                            + " .min-insync-replicas, for a topic of the catalogue, in an application.yml or on the"
                            + " command line (a topic name's dots cannot be written in an environment variable)");
                }
            });
        }
    }

    private static String origin(ConfigurationProperty property) {
        return property == null || property.getOrigin() == null ? "" : " (from " + property.getOrigin() + ")";
    }
}
