package org.mailplatform.mda.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the admin API ({@code mailplatform.admin.*}).
 *
 * @param token the bearer token every admin request must carry; empty switches the API off (503)
 */
@ConfigurationProperties("mailplatform.admin")
public record AdminApiProperties(String token) {

    public boolean hasToken() {
        return token != null && !token.isBlank();
    }

    @Override
    public String toString() {
        return "AdminApiProperties[token=" + (hasToken() ? "(set)" : "(none)") + "]";
    }
}
