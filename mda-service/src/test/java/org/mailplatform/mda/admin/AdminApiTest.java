package org.mailplatform.mda.admin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.mailplatform.testsupport.MailPlatformTest;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole mda-service on a random port with the real PostgreSQL (migrated) and Kafka. Every
 * admin API test class uses exactly this, so Spring starts one context for all of them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.flyway.enabled=true",
        "mailplatform.mda.delivery.enabled=false",
        "mailplatform.admin.token=" + AdminApiTest.TOKEN})
@MailPlatformTest
@interface AdminApiTest {

    String TOKEN = "test-admin-token-0123456789abcdef0123456789abcdef";
}
