package org.mailplatform.auth.autoconfigure;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.auth.AuthMetrics;
import org.mailplatform.auth.Authenticator;
import org.mailplatform.auth.CredentialCache;
import org.mailplatform.auth.LoginThrottle;
import org.mailplatform.auth.PasswordHasher;
import org.mailplatform.auth.PasswordPolicy;
import org.mailplatform.auth.credentials.CredentialStore;
import org.mailplatform.auth.credentials.StoreCredentialStore;
import org.mailplatform.auth.oauth.TokenValidator;
import org.mailplatform.auth.sasl.SaslAuthenticator;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.auth.AuthFailureRepository;
import org.mailplatform.store.auth.LoginSecretRepository;
import org.mailplatform.store.autoconfigure.MailStoreAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The authentication beans for any service that has the mail store: {@link Authenticator},
 * {@link SaslAuthenticator}, {@link AccountManager} and their parts, configured by
 * {@code mailplatform.auth.*}. Counts attempts in the application's {@link MeterRegistry} when
 * there is one.
 */
@AutoConfiguration(after = MailStoreAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration")
@ConditionalOnBean(AccountRepository.class)
@EnableConfigurationProperties(AuthProperties.class)
public class MailAuthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PasswordHasher passwordHasher(AuthProperties properties) {
        AuthProperties.Argon2 argon2 = properties.argon2();
        return new PasswordHasher(argon2.memoryKib(), argon2.iterations(), argon2.parallelism(), argon2.maxConcurrent());
    }

    @Bean
    @ConditionalOnMissingBean
    PasswordPolicy passwordPolicy(AuthProperties properties) {
        return new PasswordPolicy(properties.passwordMinLength());
    }

    @Bean
    @ConditionalOnMissingBean
    LoginThrottle loginThrottle(AuthProperties properties, ObjectProvider<AuthFailureRepository> failures) {
        AuthFailureRepository shared = properties.throttle().shared() ? failures.getIfUnique() : null;
        return new LoginThrottle(properties.throttle().limits(), Clock.systemUTC(), shared);
    }

    @Bean
    @ConditionalOnMissingBean
    CredentialCache credentialCache(AuthProperties properties) {
        AuthProperties.Cache cache = properties.credentialCache();
        return new CredentialCache(cache.ttl(), cache.maxEntries(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    AuthMetrics authMetrics(ObjectProvider<MeterRegistry> registry) {
        return new AuthMetrics(registry.getIfUnique());
    }

    /** The one way to credentials: the mail store's accounts, verifiers and app passwords. */
    @Bean
    @ConditionalOnMissingBean
    CredentialStore credentialStore(AccountRepository accounts, ObjectProvider<LoginSecretRepository> secrets) {
        return new StoreCredentialStore(accounts, secrets.getIfUnique());
    }

    @Bean
    @ConditionalOnMissingBean
    Authenticator authenticator(CredentialStore credentials, PasswordHasher hasher, LoginThrottle throttle,
                                CredentialCache cache, AuthMetrics metrics, AuthProperties properties) {
        return new Authenticator(credentials, hasher, throttle, cache, metrics, properties.scram().iterations(),
                Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    SaslAuthenticator saslAuthenticator(Authenticator authenticator, AuthMetrics metrics,
                                        ObjectProvider<TokenValidator> tokens) {
        return new SaslAuthenticator(authenticator, metrics, tokens.getIfUnique());
    }

    @Bean
    @ConditionalOnMissingBean
    AccountManager accountManager(AccountRepository accounts, ObjectProvider<LoginSecretRepository> secrets,
                                  PasswordHasher hasher, PasswordPolicy policy, LoginThrottle throttle,
                                  AuthProperties properties) {
        return new AccountManager(accounts, secrets.getIfUnique(), hasher, policy, throttle, properties.scram().iterations());
    }
}
