package org.mailplatform.testsupport;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at the JVM's shared PostgreSQL database and Kafka broker. Use it
 * through {@link MailPlatformTest}; the properties are the same for every test class, so Spring's
 * context cache keeps one context per distinct configuration.
 */
public final class TestInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase db = TestDatabase.get();
        TestKafka kafka = TestKafka.get();
        Map<String, Object> props = Map.of(
                "spring.datasource.url", db.jdbcUrl(),
                "spring.datasource.username", db.username(),
                "spring.datasource.password", db.password(),
                "spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("mailplatform-test-infrastructure", props));
    }
}
