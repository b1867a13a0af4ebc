/**
 * Spring Boot auto-configuration: the topic catalogue as {@code NewTopic}s for {@code KafkaAdmin},
 * and the acknowledged publishers built on {@code spring.kafka.*} plus {@code mailplatform.kafka.*}.
 */
package org.mailplatform.records.autoconfigure;
