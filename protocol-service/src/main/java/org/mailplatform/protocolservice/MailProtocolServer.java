package org.mailplatform.protocolservice;

import java.util.List;

import org.mailplatform.kernel.KernelSettings;
import org.mailplatform.kernel.ListenerSpec;
import org.mailplatform.kernel.ProtocolServer;
import org.mailplatform.kernel.ProtocolSessionFactory;
import org.mailplatform.tls.ServerTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * A service's mail listeners as a Spring lifecycle bean: they open once the context is ready and
 * close gracefully (sessions may finish) before the rest of the context stops, so the Kafka
 * producer and the database outlive every session that might still need them.
 */
public final class MailProtocolServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailProtocolServer.class);

    private final String protocol;
    private final ProtocolSessionFactory factory;
    private final List<ListenerSpec> listeners;
    private final KernelSettings settings;
    private final ServerTls tls;
    private final MeterRegistry registry;
    private volatile ProtocolServer server;
    private volatile boolean running;

    public MailProtocolServer(String protocol, ProtocolSessionFactory factory, List<ListenerSpec> listeners,
                              KernelSettings settings, ServerTls tls, MeterRegistry registry) {
        this.protocol = protocol;
        this.factory = factory;
        this.listeners = List.copyOf(listeners);
        this.settings = settings;
        this.tls = tls;
        this.registry = registry;
    }

    /**
     * Binds the listeners; with none (all switched off) it only reports itself running. A stopped
     * server is started with a new kernel server, as the old one's threads are gone: Spring stops and
     * restarts lifecycle beans (e.g. a paused test context).
     */
    @Override
    public synchronized void start() {
        if (listeners.isEmpty()) {
            // Every listener switched off (port -1): nothing to serve, which is not an error.
            log.info("{}: no listener configured", protocol);
            running = true;
            return;
        }
        ProtocolServer.Builder b = ProtocolServer.builder(protocol, factory).settings(settings).tls(tls);
        if (registry != null) {
            b.meterRegistry(registry);
        }
        listeners.forEach(b::listener);
        server = b.build();
        server.start();
        running = true;
        for (ListenerSpec l : listeners) {
            log.info("{} listener '{}' on {}:{} ({})", protocol, l.name(), l.bindAddress(), server.boundPort(l.name()), l.tlsMode());
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (server != null) {
            server.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server and the Kafka/database beans (lower phases stop later). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    public int boundPort(String listenerName) {
        if (server == null) {
            throw new IllegalStateException(protocol + " has no listener running");
        }
        return server.boundPort(listenerName);
    }

    public int openConnections() {
        return server == null ? 0 : server.openConnections();
    }
}
