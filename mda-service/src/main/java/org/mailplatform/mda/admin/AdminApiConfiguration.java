package org.mailplatform.mda.admin;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Wires the admin API's settings and the token check in front of {@code /api/*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminApiProperties.class)
public class AdminApiConfiguration {

    @Bean
    FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(AdminApiProperties properties) {
        FilterRegistrationBean<AdminTokenFilter> registration =
                new FilterRegistrationBean<>(new AdminTokenFilter(properties.token()));
        registration.addUrlPatterns(AdminPaths.ROOT + "/*");
        // Before anything else looks at the request, so an unauthenticated one reaches nothing.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
