package org.mailplatform.kernel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.mailplatform.kernel.netty.NettyServer;
import org.mailplatform.tls.SslContextSource;

/**
 * A mail protocol server: one or more listeners sharing a session factory, limits and certificate.
 *
 * <pre>{@code
 * ProtocolServer server = ProtocolServer.builder("smtp", sessionFactory)
 *         .settings(KernelSettings.defaults().withMaxConnectionsPerAddress(10))
 *         .listener(new ListenerSpec("submission", "0.0.0.0", 587, TlsMode.STARTTLS))
 *         .listener(new ListenerSpec("submissions", "0.0.0.0", 465, TlsMode.IMPLICIT))
 *         .tls(serverTls)
 *         .meterRegistry(registry)
 *         .build();
 * server.start();
 * ...
 * server.close();   // graceful
 * }</pre>
 */
public final class ProtocolServer implements AutoCloseable {

    private final NettyServer server;
    private final KernelSettings settings;

    private ProtocolServer(NettyServer server, KernelSettings settings) {
        this.server = server;
        this.settings = settings;
    }

    /**
     * @param protocol short lowercase name for metrics, logs and thread names: {@code smtp}, {@code pop3}, {@code imap}
     */
    public static Builder builder(String protocol, ProtocolSessionFactory factory) {
        return new Builder(protocol, factory);
    }

    /** Binds all listeners; throws (and binds none) when one cannot be bound. */
    public void start() {
        server.start();
    }

    /** The port a listener is bound to; useful with port 0. */
    public int boundPort(String listenerName) {
        return server.boundPort(listenerName);
    }

    /** True between a successful {@link #start()} and {@link #close()}: for readiness checks. */
    public boolean isRunning() {
        return server.isRunning();
    }

    /** Connections currently open, over all listeners. */
    public int openConnections() {
        return server.openConnections();
    }

    /**
     * Graceful stop: no new connections, {@link ProtocolSession#onShutdown()} for every session, up to
     * {@link KernelSettings#shutdownGracePeriod()} for them to finish, then the rest are closed.
     */
    @Override
    public void close() {
        server.close(settings.shutdownGracePeriod());
    }

    /** Assembles a {@link ProtocolServer}. */
    public static final class Builder {

        private final String protocol;
        private final ProtocolSessionFactory factory;
        private final List<ListenerSpec> listeners = new ArrayList<>();
        private KernelSettings settings = KernelSettings.defaults();
        private SslContextSource tls;
        private MeterRegistry registry;
        private Executor sessionExecutor;

        private Builder(String protocol, ProtocolSessionFactory factory) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        public Builder settings(KernelSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public Builder listener(ListenerSpec listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The certificate source for STARTTLS and implicit-TLS listeners (a {@code ServerTls}); asked per handshake. */
        public Builder tls(SslContextSource tls) {
            this.tls = tls;
            return this;
        }

        /** Where to publish the kernel's meters; none when not set. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = registry;
            return this;
        }

        /**
         * Where session callbacks run; by default a new virtual thread per burst of work, owned and
         * stopped by the server. A given executor is left running on close.
         */
        public Builder sessionExecutor(Executor executor) {
            this.sessionExecutor = executor;
            return this;
        }

        public ProtocolServer build() {
            if (listeners.isEmpty()) {
                throw new IllegalStateException("a server needs at least one listener");
            }
            Set<String> names = new HashSet<>();
            for (ListenerSpec listener : listeners) {
                if (!names.add(listener.name())) {
                    throw new IllegalStateException("duplicate listener name " + listener.name());
                }
            }
            for (ListenerSpec listener : listeners) {
                if (listener.tlsMode() != TlsMode.NONE && tls == null) {
                    throw new IllegalStateException("listener " + listener.name() + " uses TLS but no certificate source was given");
                }
            }
            ExecutorService owned = null;
            Executor executor = sessionExecutor;
            if (executor == null) {
                owned = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(protocol + "-session-", 0).factory());
                executor = owned;
            }
            MeterRegistry meters = registry != null ? registry : new CompositeMeterRegistry();
            return new ProtocolServer(new NettyServer(protocol, settings, listeners, factory, tls, meters, executor, owned), settings);
        }
    }
}
