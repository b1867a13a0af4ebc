package org.mailplatform.mda.delivery;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.mailplatform.testsupport.MailPlatformTest;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole mda-service with the real PostgreSQL (migrated) and Kafka, its delivery consumer
 * running. Every delivery test class uses exactly this, so Spring starts one context for them.
 * Another cached context of this module may run a consumer in the same group and deliver some of
 * the records, so assertions rely only on what any replica would do with default settings.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(properties = {
        "spring.flyway.enabled=true",
        // Cheap password hashes: accounts are made by the dozen here, logins are not tested.
        "mailplatform.auth.argon2.memory-kib=1024",
        "mailplatform.auth.argon2.iterations=1"})
@MailPlatformTest
@interface DeliveryTest {
}
