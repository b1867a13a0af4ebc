package org.mailplatform.kernel.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import org.mailplatform.kernel.EchoProtocol;
import org.mailplatform.kernel.KernelSettings;
import org.mailplatform.kernel.ListenerSpec;
import org.mailplatform.kernel.SessionContext;
import org.mailplatform.kernel.TestTls;
import org.mailplatform.kernel.TlsMode;

/**
 * A trusted proxy's connection as ChannelSetup builds it (PROXY v1/v2 decoder, then the connection
 * handler), fed arbitrary bytes in arbitrary pieces: the connection either opens a session for a real
 * IP address, is refused as a bad PROXY header, or waits for the rest of the header. No other failure.
 */
class ProxyHeaderFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void proxyHeadersOpenASessionOrAreRefused(FuzzedDataProvider data) {
        int chunk = data.consumeInt(1, 64);
        byte[] input = data.consumeRemainingAsBytes();

        EchoProtocol protocol = new EchoProtocol();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KernelRuntime runtime = new KernelRuntime("fuzz", KernelSettings.defaults(), protocol, new TestTls(), Runnable::run);
        ListenerSpec listener = new ListenerSpec("proxied", "127.0.0.1", 0, TlsMode.NONE);
        ListenerMetrics metrics = new ListenerMetrics(registry, "fuzz", listener.name());
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(ChannelSetup.PROXY_HANDLER, new HAProxyMessageDecoder());
                ch.pipeline().addLast(NettyConnection.IDLE_HANDLER, ChannelSetup.idleHandler(runtime.settings.idleTimeout()));
                ch.pipeline().addLast("connection", new ConnectionHandler(runtime, listener, metrics, true));
            }
        });
        try {
            for (int at = 0; at < input.length && channel.isOpen(); at += chunk) {
                channel.writeInbound(Unpooled.wrappedBuffer(input, at, Math.min(chunk, input.length - at)));
            }
            channel.checkException();

            double refused = registry.get("mail.kernel.connections.rejected").tag("reason", "proxy_header").counter().count();
            if (!protocol.contexts.isEmpty()) {
                SessionContext session = protocol.contexts.getFirst();
                InetSocketAddress client = session.clientAddress();
                assertThat(client.getAddress()).isNotNull();
                assertThat(client.getPort()).isBetween(0, 65535);
                assertThat(refused).isZero();
            } else if (!channel.isOpen()) {
                assertThat(refused).as("closed only as a refused PROXY header").isEqualTo(1.0);
            } else {
                assertThat(channel.pipeline().get(ChannelSetup.PROXY_HANDLER)).as("still reading the header").isNotNull();
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
