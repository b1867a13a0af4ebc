package org.mailplatform.auth.autoconfigure;

import org.mailplatform.auth.oauth.TokenValidator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@link TokenValidator} that lets {@code MailAuthAutoConfiguration}'s SASL service offer
 * OAUTHBEARER and XOAUTH2, when {@code mailplatform.auth.oauth.enabled=true}. Without it those
 * mechanisms are neither advertised nor accepted.
 */
@AutoConfiguration(before = MailAuthAutoConfiguration.class)
@ConditionalOnProperty(prefix = "mailplatform.auth.oauth", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(OAuthProperties.class)
public class OAuthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TokenValidator tokenValidator(OAuthProperties properties) {
        return new TokenValidator(properties.settings());
    }
}
