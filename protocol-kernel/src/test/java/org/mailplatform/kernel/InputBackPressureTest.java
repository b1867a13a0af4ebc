package org.mailplatform.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that pipelines commands without reading the replies is throttled: the replies fill the socket,
 * the session waits to write, its input backs up to {@code maxBufferedInput} and the kernel stops reading.
 * What the client manages to send is then bounded by the sockets' buffers, not taken into the server's memory.
 */
class InputBackPressureTest {

    private static final long MIB = 1024 * 1024;
    private static final long TOTAL = 64 * MIB;
    private static final byte[] REPLY = ("+OK " + "r".repeat(1018) + "\r\n").getBytes(StandardCharsets.US_ASCII);

    private final AtomicLong linesSeen = new AtomicLong();
    private ProtocolServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aClientPipeliningWithoutReadingIsThrottledNotBuffered() throws Exception {
        server = ProtocolServer.builder("bulk", new KibibyteReplies())
                .settings(KernelSettings.defaults().withShutdownGracePeriod(Duration.ofSeconds(1)))
                .listener(new ListenerSpec("plain", "127.0.0.1", 0, TlsMode.NONE))
                .build();
        server.start();
        try (LineClient client = LineClient.connect(server.boundPort("plain"))) {
            client.readLine();
            AtomicLong written = new AtomicLong();
            CompletableFuture.runAsync(() -> pipeline(client, written));

            awaitStalled(written);
            long stalledAt = written.get();
            assertThat(stalledAt).as("bytes sent before the server stopped reading").isLessThan(16 * MIB);
            assertThat(linesSeen.get() * 6).as("what the session processed").isLessThan(stalledAt);

            long processedWhenStalled = linesSeen.get();
            InputStream in = client.socket().getInputStream();
            in.skipNBytes(16 * MIB);
            long bufferedLines = KernelSettings.defaults().maxBufferedInput() / 6;
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(linesSeen.get())
                    .as("reading the replies lets the session go on, and the kernel read the socket again")
                    .isGreaterThan(processedWhenStalled + bufferedLines));
        }
        await().until(() -> server.openConnections() == 0);
    }

    private static void awaitStalled(AtomicLong written) {
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long now = written.get();
            boolean stalled = now == last[0] && now > 0;
            last[0] = now;
            return stalled;
        });
    }

    private static void pipeline(LineClient client, AtomicLong written) {
        byte[] block = "NOOP\r\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
        try {
            OutputStream out = client.socket().getOutputStream();
            while (written.get() < TOTAL) {
                out.write(block);
                written.addAndGet(block.length);
            }
        } catch (IOException closedAtTheEnd) {
            // the test closes the connection while this still writes
        }
    }

    /** Answers every line with 1 KiB, so that replies fill the client's socket quickly. */
    private final class KibibyteReplies implements ProtocolSessionFactory {

        @Override
        public ProtocolSession open(SessionContext context) {
            return new ProtocolSession() {
                @Override
                public void onConnect() {
                    context.write("+OK hello\r\n");
                }

                @Override
                public void onLine(Line line) {
                    linesSeen.incrementAndGet();
                    context.write(REPLY);
                }
            };
        }

        @Override
        public byte[] tooManyConnectionsReply() {
            return "-ERR busy\r\n".getBytes(StandardCharsets.US_ASCII);
        }
    }
}
