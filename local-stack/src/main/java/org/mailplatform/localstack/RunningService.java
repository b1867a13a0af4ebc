package org.mailplatform.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** One service of the platform, started as its own Spring application context inside the stack's JVM. */
final class RunningService implements AutoCloseable {

    private final PlatformService service;
    private final ConfigurableApplicationContext context;

    private RunningService(PlatformService service, ConfigurableApplicationContext context) {
        this.service = service;
        this.context = context;
    }

    /**
     * Starts the service with its own {@code application.yml}; the given properties are passed as
     * command-line arguments, so they win over that file and over environment variables.
     */
    static RunningService start(PlatformService service, Map<String, String> properties) {
        List<String> args = new ArrayList<>();
        args.add("--spring.config.location=" + ServiceConfigFile.of(service.applicationClass()));
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(service.applicationClass())
                .bannerMode(Banner.Mode.OFF)
                // The stack stops the services itself, before the broker and the database they use.
                .registerShutdownHook(false)
                .run(args.toArray(String[]::new));
        return new RunningService(service, context);
    }

    PlatformService service() {
        return service;
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    /** The port the service's HTTP server really listens on. */
    int httpPort() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Stops the service; its web server drains requests first (graceful shutdown). */
    @Override
    public void close() {
        context.close();
    }
}
