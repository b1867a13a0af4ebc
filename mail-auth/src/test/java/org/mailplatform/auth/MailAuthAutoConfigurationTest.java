package org.mailplatform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.mailplatform.auth.autoconfigure.AuthProperties;
import org.mailplatform.auth.autoconfigure.MailAuthAutoConfiguration;
import org.mailplatform.auth.sasl.SaslAuthenticator;
import org.mailplatform.auth.sasl.SaslFailure;
import org.mailplatform.auth.sasl.SaslStep;
import org.mailplatform.store.auth.AuthFailureRepository;
import org.mailplatform.store.autoconfigure.MailStoreAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DelegatingDataSource;

class MailAuthAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MailStoreAutoConfiguration.class, MailAuthAutoConfiguration.class))
            // Wrapped so closing the test context does not close the shared pool.
            .withBean(DataSource.class, () -> new DelegatingDataSource(AuthTestSupport.dataSource()))
            .withPropertyValues("mailplatform.auth.argon2.memory-kib=1024", "mailplatform.auth.argon2.iterations=1",
                    "mailplatform.auth.throttle.failure-delay=10ms", "mailplatform.auth.throttle.max-failure-delay=20ms");

    @Test
    void aServiceWithTheStoreGetsEveryAuthBeanWithDefaults() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(Authenticator.class).hasSingleBean(SaslAuthenticator.class)
                    .hasSingleBean(AccountManager.class).hasSingleBean(PasswordHasher.class).hasSingleBean(LoginThrottle.class);
            AuthProperties properties = context.getBean(AuthProperties.class);
            assertThat(properties.passwordMinLength()).isEqualTo(8);
            assertThat(properties.throttle().accountMaxFailures()).isEqualTo(5);
            assertThat(properties.throttle().window()).isEqualTo(Duration.ofMinutes(15));
            assertThat(properties.throttle().shared()).isTrue();
            assertThat(properties.credentialCache().ttl()).isEqualTo(Duration.ofHours(1));
            assertThat(context).hasSingleBean(CredentialCache.class);
            assertThat(context.getBean(CredentialCache.class).enabled()).isTrue();
            assertThat(context.getBean(PasswordHasher.class).hash("x")).contains("m=1024,t=1,p=1");
        });
    }

    @Test
    void limitsComeFromPropertiesAndAttemptsAreCounted() {
        runner.withPropertyValues("mailplatform.auth.throttle.account-max-failures=1",
                        "mailplatform.auth.throttle.initial-delay=1m", "mailplatform.auth.password-min-length=4")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> {
                    String domain = AuthTestSupport.newDomain();
                    context.getBean(AccountManager.class).createAccount("kim@" + domain, "abcd", 0);
                    SaslAuthenticator sasl = context.getBean(SaslAuthenticator.class);
                    InetAddress client = InetAddress.getLoopbackAddress();

                    sasl.start("PLAIN", Optional.of(("\0kim@" + domain + "\0nope").getBytes()), client).step();
                    SaslStep step = sasl.start("PLAIN", Optional.of(("\0kim@" + domain + "\0abcd").getBytes()), client).step();

                    assertThat(step).isInstanceOfSatisfying(SaslStep.Failure.class, f -> {
                        assertThat(f.reason()).isEqualTo(SaslFailure.THROTTLED);
                        assertThat(f.retryAfter()).hasValueSatisfying(d -> assertThat(d)
                                .isGreaterThan(Duration.ofSeconds(50)).isLessThanOrEqualTo(Duration.ofMinutes(1)));
                    });
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get(AuthMetrics.NAME).tag("outcome", "bad_credentials").counter().count()).isEqualTo(1);
                    assertThat(registry.get(AuthMetrics.NAME).tag("outcome", "throttled").counter().count()).isEqualTo(1);
                });
    }

    @Test
    void failuresCountedByOneContextAreSeenByAnother() {
        String name = "shared-" + UUID.randomUUID() + "@example.test";
        runner.withPropertyValues("mailplatform.auth.throttle.account-max-failures=2").run(first ->
                runner.withPropertyValues("mailplatform.auth.throttle.account-max-failures=2").run(second -> {
                    first.getBean(LoginThrottle.class).recordFailure(name, null);
                    second.getBean(LoginThrottle.class).recordFailure(name, null);

                    assertThat(first.getBean(LoginThrottle.class).blockedFor(name, null)).isPresent();
                }));
    }

    @Test
    void theCacheAndTheSharedCountsCanBeSwitchedOff() {
        runner.withPropertyValues("mailplatform.auth.credential-cache.ttl=0s", "mailplatform.auth.throttle.shared=false",
                        "mailplatform.auth.throttle.account-max-failures=1")
                .run(context -> {
                    String name = "memory-" + UUID.randomUUID() + "@example.test";
                    assertThat(context.getBean(CredentialCache.class).enabled()).isFalse();
                    context.getBean(LoginThrottle.class).recordFailure(name, null);
                    assertThat(new LoginThrottle(LoginThrottle.Limits.defaults(), Clock.systemUTC(),
                            context.getBean(AuthFailureRepository.class))
                            .blockedFor(name, null)).isEmpty();
                });
    }

    @Test
    void withoutTheStoreNothingIsCreated() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MailStoreAutoConfiguration.class, MailAuthAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(Authenticator.class));
    }
}
