package org.mailplatform.msa.autoconfig;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.mailplatform.tls.SslContextSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The web listener for client set-up: HTTP/1.1 over TLS with the platform's certificate (the same
 * reloading source as the mail ports), or plain HTTP behind an Ingress that ends TLS. One request per
 * connection; the answer closes it. The request line, headers and body are bounded, a slow client
 * is cut off after {@link AutoconfigProperties#requestTimeout()}, and the domain lookup (JDBC) runs on
 * a virtual thread, never on the event loop.
 *
 * <p>Kept apart from the Spring web server, which serves actuator and must stay internal.
 */
public final class AutoconfigServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AutoconfigServer.class);
    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADERS = 8192;
    private static final int MAX_QUERY_PARAMETERS = 16;

    private final AutoconfigProperties properties;
    private final SslContextSource tls;
    private final ClientSetupRequests requests;
    private volatile EventLoopGroup group;
    private volatile ExecutorService lookups;
    private volatile Channel listener;

    /** @param tls the certificate source; used only when {@link AutoconfigProperties#tls()} is set */
    AutoconfigServer(AutoconfigProperties properties, SslContextSource tls, ClientSetupRequests requests) {
        this.properties = properties;
        this.tls = tls;
        this.requests = requests;
    }

    @Override
    public synchronized void start() {
        lookups = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("autoconfig-", 0).factory());
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("autoconfig-io", true), NioIoHandler.newFactory());
        var binding = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (properties.tls()) {
                            ch.pipeline().addLast("tls", tls.sslContext().newHandler(ch.alloc()));
                        }
                        ch.pipeline()
                                .addLast("timeout", new ReadTimeoutHandler(properties.requestTimeout().toMillis(), TimeUnit.MILLISECONDS))
                                .addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, 8192))
                                .addLast("body", new BoundedBody(Math.toIntExact(properties.maxRequestSize().toBytes())))
                                .addLast("answer", new Answering());
                    }
                })
                .bind(properties.bindAddress(), properties.port())
                .awaitUninterruptibly();
        if (!binding.isSuccess()) {
            stop();
            throw new IllegalStateException("cannot listen on " + properties.bindAddress() + ":" + properties.port()
                    + " for client autoconfiguration: " + binding.cause(), binding.cause());
        }
        listener = binding.channel();
        log.info("client autoconfiguration on {} ({})", listener.localAddress(), properties.tls() ? "HTTPS" : "plain HTTP");
    }

    @Override
    public synchronized void stop() {
        if (listener != null) {
            listener.close().awaitUninterruptibly();
            listener = null;
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            group = null;
        }
        if (lookups != null) {
            lookups.shutdownNow();
            lookups = null;
        }
    }

    @Override
    public boolean isRunning() {
        return listener != null;
    }

    /** Stops with the mail listeners, before the database it looks domains up in. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    public int boundPort() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** A body larger than the limit is a bad request (400), whether announced by Content-Length or not. */
    private static final class BoundedBody extends HttpObjectAggregator {
        BoundedBody(int maxContentLength) {
            super(maxContentLength);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            send(ctx, HttpAnswer.error(400, "request too large"));
        }

        /**
         * RFC 9110 10.1.1: a client that waits for 100 (Continue) before sending its body and announces
         * one over the limit gets the final answer instead, and never sends the body. Answering 100 and
         * then refusing the body mid-upload would close the connection under a client still writing.
         */
        @Override
        protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
            if (HttpUtil.is100ContinueExpected(start) && HttpUtil.getContentLength(start, -1L) > maxContentLength) {
                return response(HttpAnswer.error(400, "request too large"));
            }
            return super.newContinueResponse(start, maxContentLength, pipeline);
        }

        @Override
        protected boolean closeAfterContinueResponse(Object response) {
            return ((HttpResponse) response).status().code() != HttpResponseStatus.CONTINUE.code();
        }

        @Override
        protected boolean ignoreContentAfterContinueResponse(Object response) {
            return closeAfterContinueResponse(response);
        }
    }

    private final class Answering extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            // One request per connection: nothing more is read while this one is answered.
            ctx.channel().config().setAutoRead(false);
            if (request.decoderResult().isFailure()) {
                send(ctx, HttpAnswer.error(400, "malformed HTTP request"));
                return;
            }
            QueryStringDecoder uri = new QueryStringDecoder(request.uri(), StandardCharsets.UTF_8,
                    true, MAX_QUERY_PARAMETERS);
            String method = request.method().name();
            String host = request.headers().get(HttpHeaderNames.HOST);
            byte[] body = ByteBufUtil.getBytes(request.content());
            lookups.execute(() -> {
                HttpAnswer answer;
                try {
                    answer = requests.answer(method, uri.path(), uri.parameters(), host, body);
                } catch (RuntimeException e) {
                    log.warn("client autoconfiguration request {} {} failed: {}", method, uri.path(), e.toString());
                    answer = HttpAnswer.error(503, "temporarily unavailable");
                }
                send(ctx, answer);
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // TLS handshake failures, resets and read timeouts: nothing to answer, nothing to report.
            log.debug("client autoconfiguration connection from {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    private static void send(ChannelHandlerContext ctx, HttpAnswer answer) {
        ctx.writeAndFlush(response(answer)).addListener(ChannelFutureListener.CLOSE);
    }

    private static FullHttpResponse response(HttpAnswer answer) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set("X-Content-Type-Options", "nosniff");
        answer.headers().forEach(response.headers()::set);
        return response;
    }
}
