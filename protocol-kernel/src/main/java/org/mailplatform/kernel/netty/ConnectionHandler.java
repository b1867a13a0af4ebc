package org.mailplatform.kernel.netty;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLException;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import org.mailplatform.kernel.ListenerSpec;
import org.mailplatform.kernel.TlsMode;
import org.mailplatform.kernel.support.ConnectionLimiter;
import org.mailplatform.kernel.support.SessionIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every connection. Learns the real client address (from the connection, or from
 * the PROXY header of a trusted proxy), applies the connection limits to it, then passes input, idle
 * events and TLS results to the {@link NettyConnection}.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

    private final KernelRuntime runtime;
    private final ListenerSpec listener;
    private final ListenerMetrics metrics;
    private final boolean proxied;
    private NettyConnection connection;
    private final AtomicReference<ConnectionLimiter.Permit> permit = new AtomicReference<>();
    private boolean refused;
    private boolean proxyHeaderRejected;

    ConnectionHandler(KernelRuntime runtime, ListenerSpec listener, ListenerMetrics metrics, boolean proxied) {
        this.runtime = runtime;
        this.listener = listener;
        this.metrics = metrics;
        this.proxied = proxied;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        metrics.opened();
        if (!proxied) {
            admit(ctx, inet(ctx.channel().remoteAddress()), inet(ctx.channel().localAddress()));
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HAProxyMessage header) {
                onProxyHeader(ctx, header);
            } else if (msg instanceof ByteBuf bytes && connection != null && bytes.isReadable()) {
                connection.received(ByteBufUtil.getBytes(bytes));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onProxyHeader(ChannelHandlerContext ctx, HAProxyMessage header) {
        if (connection != null || refused) {
            return;
        }
        InetSocketAddress peer = inet(ctx.channel().remoteAddress());
        InetSocketAddress local = inet(ctx.channel().localAddress());
        // A LOCAL command (the balancer's own health check) or an UNKNOWN/non-TCP family carries no
        // client: the connection's own endpoints apply (PROXY protocol spec §2.1 and §2.2).
        boolean carriesClient = header.command() == HAProxyCommand.PROXY
                && (header.proxiedProtocol() == HAProxyProxiedProtocol.TCP4 || header.proxiedProtocol() == HAProxyProxiedProtocol.TCP6);
        if (carriesClient) {
            peer = new InetSocketAddress(literal(header.sourceAddress()), header.sourcePort());
            local = new InetSocketAddress(literal(header.destinationAddress()), header.destinationPort());
        }
        log.debug("PROXY header from {}: client {}", ctx.channel().remoteAddress(), peer);
        admit(ctx, peer, local);
    }

    private void admit(ChannelHandlerContext ctx, InetSocketAddress client, InetSocketAddress local) {
        ConnectionLimiter.Admission admission = runtime.limiter.tryAcquire(client.getAddress());
        if (admission instanceof ConnectionLimiter.Refusal refusal) {
            refused = true;
            if (refusal.limit() == ConnectionLimiter.Limit.PER_ADDRESS) {
                metrics.rejectedPerAddress();
            } else {
                metrics.rejectedGlobal();
            }
            log.info("Refused {} connection from {} on {}: {} connection limit reached", runtime.protocol, client, listener.name(),
                    refusal.limit() == ConnectionLimiter.Limit.PER_ADDRESS ? "per-address" : "global");
            ctx.writeAndFlush(Unpooled.wrappedBuffer(runtime.factory.tooManyConnectionsReply())).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        permit.set((ConnectionLimiter.Permit) admission);
        connection = new NettyConnection(runtime, ctx.channel(), listener, metrics, SessionIds.next(), client, local,
                this::releasePlace);
        runtime.register(connection);
        log.debug("Session {}: {} connection from {} on {}", connection.id(), runtime.protocol, client, listener.name());
        if (listener.tlsMode() != TlsMode.IMPLICIT) {
            connection.start();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            if (connection == null) {
                ctx.close();
            } else {
                connection.idle();
            }
        } else if (event instanceof SslHandshakeCompletionEvent handshake) {
            onHandshake(ctx, handshake);
        }
        super.userEventTriggered(ctx, event);
    }

    private void onHandshake(ChannelHandlerContext ctx, SslHandshakeCompletionEvent handshake) {
        boolean implicit = listener.tlsMode() == TlsMode.IMPLICIT;
        metrics.handshake(implicit, handshake.isSuccess());
        if (!handshake.isSuccess()) {
            log.debug("TLS handshake with {} on {} failed: {}", ctx.channel().remoteAddress(), listener.name(), String.valueOf(handshake.cause()));
            if (connection != null) {
                connection.tlsFailed(handshake.cause());
            }
            ctx.close();
            return;
        }
        if (connection == null) {
            return;
        }
        connection.tlsEstablished(TlsHandlers.info(ctx.pipeline().get(SslHandler.class)));
        if (implicit) {
            connection.start();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (connection != null) {
            connection.writabilityChanged(ctx.channel().isWritable());
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        metrics.closed();
        releasePlace();
        if (connection != null) {
            connection.closed();
        }
        super.channelInactive(ctx);
    }

    /**
     * Gives the connection's place under the limits back, once: when the server starts closing, so that a
     * client reconnecting the moment it reads the final reply is not refused, or when the channel closes.
     */
    private void releasePlace() {
        ConnectionLimiter.Permit held = permit.getAndSet(null);
        if (held != null) {
            runtime.limiter.release(held);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        SocketAddress peer = ctx.channel().remoteAddress();
        if (cause instanceof HAProxyProtocolException) {
            if (proxyHeaderRejected) {
                // The decoder reports the same bad header again while the channel closes.
                return;
            }
            proxyHeaderRejected = true;
            // From a trusted peer the header is mandatory (PROXY protocol spec §2: the receiver must not guess).
            metrics.rejectedProxyHeader();
            log.warn("Connection from trusted proxy {} on {} did not start with a valid PROXY header: {}", peer, listener.name(), cause.getMessage());
        } else if (cause instanceof IOException || cause instanceof DecoderException && cause.getCause() instanceof SSLException
                || cause instanceof SSLException) {
            log.debug("Connection from {} on {}: {}", peer, listener.name(), String.valueOf(cause));
        } else {
            log.warn("Connection from {} on {} failed", peer, listener.name(), cause);
        }
        ctx.close();
    }

    private static InetSocketAddress inet(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet;
        }
        // Not an IP transport (an in-memory or Unix-domain channel): the peer is on this host.
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private static InetAddress literal(String address) {
        InetAddress parsed = NetUtil.createInetAddressFromIpAddressString(address);
        if (parsed == null) {
            throw new HAProxyProtocolException("not an IP address: " + address);
        }
        return parsed;
    }
}
