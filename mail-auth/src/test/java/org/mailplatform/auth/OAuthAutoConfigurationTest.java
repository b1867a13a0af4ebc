package org.mailplatform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.mailplatform.auth.autoconfigure.MailAuthAutoConfiguration;
import org.mailplatform.auth.autoconfigure.OAuthAutoConfiguration;
import org.mailplatform.auth.oauth.TokenValidator;
import org.mailplatform.auth.sasl.SaslAuthenticator;
import org.mailplatform.store.autoconfigure.MailStoreAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DelegatingDataSource;

class OAuthAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MailStoreAutoConfiguration.class, MailAuthAutoConfiguration.class,
                    OAuthAutoConfiguration.class))
            .withBean(DataSource.class, () -> new DelegatingDataSource(AuthTestSupport.dataSource()))
            .withPropertyValues("mailplatform.auth.argon2.memory-kib=1024", "mailplatform.auth.argon2.iterations=1");

    @Test
    void offByDefault() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(TokenValidator.class);
            assertThat(context.getBean(SaslAuthenticator.class).mechanisms()).containsExactly("PLAIN", "LOGIN", "SCRAM-SHA-256");
        });
    }

    @Test
    void enabledItOffersTheBearerMechanismsWithTheConfiguredChecks() {
        runner.withPropertyValues("mailplatform.auth.oauth.enabled=true",
                        "mailplatform.auth.oauth.issuer=https://idp.example.test/realms/mail",
                        "mailplatform.auth.oauth.audience=mail-platform,thunderbird",
                        "mailplatform.auth.oauth.account-claim=preferred_username",
                        "mailplatform.auth.oauth.clock-skew=30s")
                .run(context -> {
                    assertThat(context.getBean(SaslAuthenticator.class).mechanisms())
                            .containsExactly("PLAIN", "LOGIN", "SCRAM-SHA-256", "OAUTHBEARER", "XOAUTH2");
                    TokenValidator.Settings settings = context.getBean(TokenValidator.class).settings();
                    assertThat(settings.audience()).containsExactlyInAnyOrder("mail-platform", "thunderbird");
                    assertThat(settings.accountClaim()).isEqualTo("preferred_username");
                    assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(settings.jwksCacheTtl()).isEqualTo(Duration.ofMinutes(15));
                    assertThat(settings.jwksUri()).isEmpty();
                    assertThat(context.getBean(TokenValidator.class).discoveryUri().toString())
                            .isEqualTo("https://idp.example.test/realms/mail/.well-known/openid-configuration");
                });
    }

    @Test
    void enabledWithoutIssuerOrAudienceTheServiceDoesNotStart() {
        runner.withPropertyValues("mailplatform.auth.oauth.enabled=true", "mailplatform.auth.oauth.audience=x")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("mailplatform.auth.oauth.enabled=true", "mailplatform.auth.oauth.issuer=https://idp.example.test")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("mailplatform.auth.oauth.enabled=true", "mailplatform.auth.oauth.issuer=http://idp.example.test",
                        "mailplatform.auth.oauth.audience=x")
                .run(context -> assertThat(context).hasFailed());
    }
}
