package org.mailplatform.kernel.netty;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import org.mailplatform.kernel.ListenerSpec;
import org.mailplatform.kernel.TlsMode;

/**
 * The pipeline of an accepted connection: [PROXY header decoder, trusted peers only] [TLS, implicit-TLS
 * listeners] [idle timer] [connection handler]. STARTTLS later inserts TLS before the idle timer.
 */
final class ChannelSetup extends ChannelInitializer<Channel> {

    static final String PROXY_HANDLER = "proxy";

    private final KernelRuntime runtime;
    private final ListenerSpec listener;
    private final ListenerMetrics metrics;
    private final ChannelGroup channels;

    ChannelSetup(KernelRuntime runtime, ListenerSpec listener, ListenerMetrics metrics, ChannelGroup channels) {
        this.runtime = runtime;
        this.listener = listener;
        this.metrics = metrics;
        this.channels = channels;
    }

    @Override
    protected void initChannel(Channel channel) {
        channels.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        boolean proxied = channel.remoteAddress() instanceof InetSocketAddress peer && runtime.isTrustedProxy(peer.getAddress());
        if (proxied) {
            // PROXY protocol v1 (text) and v2 (binary) are told apart by their first bytes; the decoder
            // removes itself after the header, so what follows flows on unchanged.
            pipeline.addLast(PROXY_HANDLER, new HAProxyMessageDecoder());
        }
        if (listener.tlsMode() == TlsMode.IMPLICIT) {
            pipeline.addLast(NettyConnection.TLS_HANDLER, TlsHandlers.newHandler(runtime, channel, false));
        }
        pipeline.addLast(NettyConnection.IDLE_HANDLER, idleHandler(runtime.settings.idleTimeout()));
        pipeline.addLast("connection", new ConnectionHandler(runtime, listener, metrics, proxied));
    }

    /** Times reads only: a session busy writing a long response is not idle. */
    static IdleStateHandler idleHandler(Duration timeout) {
        return new IdleStateHandler(timeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS);
    }
}
