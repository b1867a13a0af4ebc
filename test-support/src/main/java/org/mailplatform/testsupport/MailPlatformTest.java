package org.mailplatform.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ContextConfiguration;

/**
 * Put beside {@code @SpringBootTest}: the context gets the JVM's shared real PostgreSQL database
 * ({@code spring.datasource.*}) and real Kafka broker ({@code spring.kafka.bootstrap-servers}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextConfiguration(initializers = TestInfrastructure.class)
public @interface MailPlatformTest {
}
