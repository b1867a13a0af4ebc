package org.mailplatform.kernel.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.kernel.EchoProtocol;
import org.mailplatform.kernel.KernelSettings;
import org.mailplatform.kernel.ListenerSpec;
import org.mailplatform.kernel.TestTls;
import org.mailplatform.kernel.TlsMode;

/** The connection pipeline without sockets: session callbacks run inline (or when the test says). */
class EmbeddedConnectionTest {

    private final EchoProtocol protocol = new EchoProtocol();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private EmbeddedChannel channel;

    @AfterEach
    void finish() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void feedsLinesOneByteAtATimeAndAnswersEach() {
        channel = open(KernelSettings.defaults(), Runnable::run, TlsMode.NONE);
        assertThat(readOutbound()).startsWith("+OK hello");

        for (byte b : "HELO a\r\nbare\nmid\rcr\r\n".getBytes(StandardCharsets.US_ASCII)) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }

        assertThat(readOutbound()).isEqualTo("+OK echo HELO a\r\n+OK echo bare bareLf\r\n+OK echo mid\rcr bareCr\r\n");
    }

    @Test
    void cutsOverlongLinesAndStaysUsable() {
        channel = open(KernelSettings.defaults().withMaxLineLength(10), Runnable::run, TlsMode.NONE);
        readOutbound();

        channel.writeInbound(Unpooled.wrappedBuffer(("x".repeat(5000) + "\r\nNOOP\r\n").getBytes(StandardCharsets.US_ASCII)));

        assertThat(readOutbound()).isEqualTo("-ERR line too long (10 kept)\r\n+OK echo NOOP\r\n");
    }

    @Test
    void rawReadsTakeExactlyTheRequestedBytesFromPipelinedInput() {
        channel = open(KernelSettings.defaults(), Runnable::run, TlsMode.NONE);
        readOutbound();

        for (byte b : "RAW 6\r\nab\r\ncdNEXT\r\n".getBytes(StandardCharsets.US_ASCII)) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }

        assertThat(readOutbound()).isEqualTo("+OK go\r\n+OK raw 6 ab\r\ncd\r\n+OK echo NEXT\r\n");
    }

    @Test
    void stopsReadingWhileTheSessionIsBehindAndResumesWhenItCatchesUp() {
        ArrayDeque<Runnable> pending = new ArrayDeque<>();
        Executor manual = pending::add;
        channel = open(KernelSettings.defaults().withMaxBufferedInput(100), manual, TlsMode.NONE);
        runAll(pending);
        readOutbound();

        channel.writeInbound(Unpooled.wrappedBuffer(("A".repeat(60) + "\r\n").getBytes(StandardCharsets.US_ASCII)));
        assertThat(channel.config().isAutoRead()).isTrue();
        channel.writeInbound(Unpooled.wrappedBuffer(("B".repeat(60) + "\r\n").getBytes(StandardCharsets.US_ASCII)));
        assertThat(channel.config().isAutoRead()).as("124 bytes waiting, limit 100").isFalse();

        runAll(pending);
        channel.runPendingTasks();

        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(protocol.lines()).containsExactly("A".repeat(60), "B".repeat(60));
    }

    @Test
    void startTlsDiscardsPlaintextThatArrivesBeforeTlsIsInPlace() {
        ArrayDeque<Runnable> sessionThread = new ArrayDeque<>();
        channel = open(KernelSettings.defaults(), sessionThread::add, TlsMode.STARTTLS);
        runAll(sessionThread);
        readOutbound();

        channel.writeInbound(Unpooled.wrappedBuffer("STARTTLS\r\nINJECTED\r\n".getBytes(StandardCharsets.US_ASCII)));
        runAll(sessionThread);
        assertThat(channel.pipeline().get(SslHandler.class)).as("inserted by the network thread, which has not run yet").isNull();
        channel.writeInbound(Unpooled.wrappedBuffer("MORE PLAINTEXT\r\n".getBytes(StandardCharsets.US_ASCII)));
        runAll(sessionThread);

        assertThat(channel.pipeline().names()).containsSubsequence("tls", "idle", "connection");
        assertThat(readOutbound()).as("the go-ahead passes unencrypted").isEqualTo("+OK begin TLS\r\n");
        assertThat(protocol.lines()).containsExactly("STARTTLS");

        channel.writeInbound(Unpooled.wrappedBuffer("PLAINTEXT AFTER THE GO-AHEAD\r\n".getBytes(StandardCharsets.US_ASCII)));
        runAll(sessionThread);

        assertThat(channel.isOpen()).as("not a TLS record: the handshake fails").isFalse();
        assertThat(protocol.lines()).containsExactly("STARTTLS");
        assertThat(registry.get("mail.kernel.starttls.discarded").counter().count()).isEqualTo(1);
        assertThat(registry.get("mail.kernel.tls.handshakes").tags("mode", "starttls", "result", "failure").counter().count()).isEqualTo(1);
    }

    @Test
    void aFailingCallbackSendsTheGenericReplyAndClosesWithoutDetails() {
        channel = open(KernelSettings.defaults(), Runnable::run, TlsMode.NONE);
        readOutbound();

        channel.writeInbound(Unpooled.wrappedBuffer("FAIL\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII)));
        channel.runPendingTasks();

        String output = readOutbound();
        assertThat(output).isEqualTo("-ERR internal error\r\n");
        assertThat(output).doesNotContain("secret");
        assertThat(channel.isOpen()).isFalse();
        assertThat(protocol.journal).containsExactly("connect", "line:FAIL", "close");
        assertThat(registry.get("mail.kernel.session.errors").counter().count()).isEqualTo(1);
    }

    private EmbeddedChannel open(KernelSettings settings, Executor executor, TlsMode mode) {
        KernelRuntime runtime = new KernelRuntime("test", settings, protocol, new TestTls(), executor);
        ListenerSpec listener = new ListenerSpec("embedded", "127.0.0.1", 0, mode);
        ListenerMetrics metrics = new ListenerMetrics(registry, "test", listener.name());
        return new EmbeddedChannel(new ChannelSetup(runtime, listener, metrics, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE)));
    }

    private String readOutbound() {
        StringBuilder text = new StringBuilder();
        ByteBuf buffer;
        while ((buffer = channel.readOutbound()) != null) {
            text.append(buffer.toString(StandardCharsets.US_ASCII));
            buffer.release();
        }
        return text.toString();
    }

    private static void runAll(ArrayDeque<Runnable> pending) {
        Runnable task;
        while ((task = pending.poll()) != null) {
            task.run();
        }
    }

}
