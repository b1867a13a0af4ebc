package org.mailplatform.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The places an operator sets a service's properties. Each builds the environment a Spring Boot
 * application really starts with (the module's own {@code application.yml} included, no beans), with
 * the given properties set in that one place: a test of configuration binding without Kafka or
 * PostgreSQL.
 */
public enum SettingSource {

    /** {@code --name=value} arguments, as in {@code java -jar service.jar --...}. */
    COMMAND_LINE {
        @Override
        String[] arguments(Map<String, String> properties) {
            return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        }
    },
    /** Environment variables named by relaxed binding ({@code MAILPLATFORM_IMAP_LISTENERS_IMAPS_PORT}), as a container gets them. */
    ENVIRONMENT_VARIABLE {
        @Override
        SpringApplicationBuilder with(SpringApplicationBuilder app, Map<String, String> properties) {
            return app.environment(variables(properties.entrySet().stream()
                    .collect(Collectors.toMap(e -> environmentVariable(e.getKey()), Map.Entry::getValue))));
        }
    },
    /** The operator's own {@code application.yml} next to the service's (a mounted ConfigMap, {@code spring.config.additional-location}). */
    APPLICATION_YML {
        @Override
        SpringApplicationBuilder with(SpringApplicationBuilder app, Map<String, String> properties) {
            try {
                Path file = Files.createTempFile("operator-", ".yml");
                file.toFile().deleteOnExit();
                Files.writeString(file, properties.entrySet().stream()
                        .map(e -> e.getKey() + ": \"" + e.getValue() + "\"\n").collect(Collectors.joining()));
                return app.properties("spring.config.additional-location=file:" + file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    },
    /** {@link SpringApplicationBuilder#properties(Map)}: the application's default properties. */
    DEFAULT_PROPERTIES {
        @Override
        SpringApplicationBuilder with(SpringApplicationBuilder app, Map<String, String> properties) {
            return app.properties(new HashMap<>(properties));
        }
    };

    /** The environment of an application started with {@code properties} set here and nowhere else. */
    public ConfigurableEnvironment environmentWith(Map<String, String> properties) {
        return start(with(new SpringApplicationBuilder(NoBeans.class), properties), arguments(properties));
    }

    /** The environment of an application started with these environment variables and no others. */
    public static ConfigurableEnvironment environmentWithVariables(Map<String, String> variables) {
        return start(new SpringApplicationBuilder(NoBeans.class).environment(variables(variables)), new String[0]);
    }

    private static StandardEnvironment variables(Map<String, String> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new HashMap<>(variables)));
        return environment;
    }

    private static ConfigurableEnvironment start(SpringApplicationBuilder app, String[] args) {
        app.web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false);
        try (ConfigurableApplicationContext context = app.run(args)) {
            return context.getEnvironment();
        }
    }

    /** Relaxed binding's name for a property in the environment: upper case, {@code .} as {@code _}, no dashes. */
    public static String environmentVariable(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    SpringApplicationBuilder with(SpringApplicationBuilder app, Map<String, String> properties) {
        return app;
    }

    String[] arguments(Map<String, String> properties) {
        return new String[0];
    }

    @Configuration(proxyBeanMethods = false)
    static class NoBeans {
    }
}
