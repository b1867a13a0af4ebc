package org.mailplatform.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.mailplatform.protocolservice.ListenerProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * An application.yml from a deployment file, bound the way Spring Boot binds it in the service:
 * the same loader, the same binder, the services' own properties classes.
 */
final class ServiceConfiguration {

    private final Binder binder;

    private ServiceConfiguration(Binder binder) {
        this.binder = binder;
    }

    static ServiceConfiguration of(String applicationYml) {
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader()
                    .load("application.yml", new ByteArrayResource(applicationYml.getBytes(StandardCharsets.UTF_8)));
            return new ServiceConfiguration(new Binder(ConfigurationPropertySources.from(sources)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration a service's ConfigMap holds. */
    static ServiceConfiguration of(K8sObject configMap) {
        return of(configMap.at("data").field("application.yml").text());
    }

    <T> T bind(String prefix, Class<T> type) {
        return binder.bindOrCreate(prefix, type);
    }

    Map<String, ListenerProperties> listeners(String prefix) {
        return binder.bind(prefix, Bindable.mapOf(String.class, ListenerProperties.class))
                .orElseThrow(() -> new AssertionError("no listeners under " + prefix));
    }

    String string(String name) {
        return binder.bind(name, String.class).orElse(null);
    }
}
