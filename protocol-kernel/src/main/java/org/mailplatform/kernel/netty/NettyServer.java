package org.mailplatform.kernel.netty;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.mailplatform.kernel.KernelSettings;
import org.mailplatform.kernel.ListenerSpec;
import org.mailplatform.kernel.ProtocolSessionFactory;
import org.mailplatform.kernel.TlsMode;
import org.mailplatform.tls.SslContextSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network side of a {@code ProtocolServer}; internal to the kernel (protocols use
 * {@link org.mailplatform.kernel.ProtocolServer}).
 */
public final class NettyServer {

    private static final Logger log = LoggerFactory.getLogger(NettyServer.class);
    // After the grace period sessions are cut off; their close callbacks get this long to run.
    private static final Duration FORCED_CLOSE_WAIT = Duration.ofSeconds(1);

    private final KernelRuntime runtime;
    private final List<ListenerSpec> listeners;
    private final MeterRegistry registry;
    private final ExecutorService ownedExecutor;
    private final Map<String, Channel> bound = new LinkedHashMap<>();
    private final Map<String, ListenerMetrics> metrics = new LinkedHashMap<>();
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Transport transport = Transport.detect();
    private EventLoopGroup group;

    /**
     * @param sessionExecutor where session callbacks run
     * @param ownedExecutor   shut down with the server; null when the caller owns the executor
     */
    public NettyServer(String protocol, KernelSettings settings, List<ListenerSpec> listeners, ProtocolSessionFactory factory,
                       SslContextSource tls, MeterRegistry registry, Executor sessionExecutor, ExecutorService ownedExecutor) {
        this.runtime = new KernelRuntime(protocol, settings, factory, tls, sessionExecutor);
        this.listeners = List.copyOf(listeners);
        this.registry = registry;
        this.ownedExecutor = ownedExecutor;
        for (ListenerSpec listener : listeners) {
            if (listener.tlsMode() != TlsMode.NONE && tls == null) {
                throw new IllegalArgumentException("listener " + listener.name() + " uses TLS but no SslContextSource was given");
            }
        }
    }

    public synchronized void start() {
        if (group != null) {
            throw new IllegalStateException("already started");
        }
        group = new MultiThreadIoEventLoopGroup(runtime.settings.ioThreads(),
                new DefaultThreadFactory(runtime.protocol + "-io", true), transport.ioHandlerFactory());
        try {
            for (ListenerSpec listener : listeners) {
                ListenerMetrics listenerMetrics = new ListenerMetrics(registry, runtime.protocol, listener.name());
                metrics.put(listener.name(), listenerMetrics);
                listenerMetrics.queuedOutput(() -> runtime.queuedOutputBytes(listener.name()));
                ChannelFuture binding = new ServerBootstrap()
                        .group(group)
                        .channel(transport.serverChannelClass())
                        .option(ChannelOption.SO_BACKLOG, 1024)
                        .option(ChannelOption.SO_REUSEADDR, true)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childOption(ChannelOption.SO_KEEPALIVE, true)
                        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                                runtime.settings.writeBufferHighWaterMark() / 2, runtime.settings.writeBufferHighWaterMark()))
                        .childHandler(new ChannelSetup(runtime, listener, listenerMetrics, channels))
                        .bind(listener.bindAddress(), listener.port())
                        .awaitUninterruptibly();
                if (!binding.isSuccess()) {
                    throw new IllegalStateException("cannot listen on " + listener.bindAddress() + ":" + listener.port()
                            + " for " + listener.name() + ": " + binding.cause(), binding.cause());
                }
                bound.put(listener.name(), binding.channel());
                log.info("{} listener {} on {} ({}, {} transport)", runtime.protocol, listener.name(), binding.channel().localAddress(),
                        listener.tlsMode(), transport.name());
            }
        } catch (RuntimeException e) {
            close(Duration.ZERO);
            throw e;
        }
    }

    public synchronized int boundPort(String listenerName) {
        Channel channel = bound.get(listenerName);
        if (channel == null) {
            throw new IllegalArgumentException("no bound listener named " + listenerName);
        }
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public synchronized boolean isRunning() {
        return group != null && !bound.isEmpty();
    }

    public int openConnections() {
        return channels.size();
    }

    /**
     * Stops accepting, asks every session to finish, waits up to {@code gracePeriod} for connections to
     * close, closes the rest, and stops the threads.
     */
    public synchronized void close(Duration gracePeriod) {
        if (group == null) {
            return;
        }
        try {
            List<ChannelFuture> unbinding = new ArrayList<>();
            bound.values().forEach(channel -> unbinding.add(channel.close()));
            unbinding.forEach(ChannelFuture::awaitUninterruptibly);
            bound.clear();

            runtime.beginShutdown();
            if (!channels.newCloseFuture().awaitUninterruptibly(gracePeriod.toMillis())) {
                log.info("{}: closing {} connections still open after the {} grace period", runtime.protocol, channels.size(), gracePeriod);
                channels.close().awaitUninterruptibly(FORCED_CLOSE_WAIT.toMillis());
            }
            if (!runtime.awaitNoConnections(FORCED_CLOSE_WAIT)) {
                log.warn("{}: {} sessions did not finish their close callbacks", runtime.protocol, runtime.connections().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            group = null;
            if (ownedExecutor != null) {
                ownedExecutor.shutdownNow();
            }
            metrics.values().forEach(ListenerMetrics::remove);
            metrics.clear();
        }
    }
}
