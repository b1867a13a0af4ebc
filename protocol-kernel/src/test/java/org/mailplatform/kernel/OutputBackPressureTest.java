package org.mailplatform.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class OutputBackPressureTest extends ServerFixture {

    private static final int KIB = 32 * 1024;

    @Test
    void aSessionWritingFasterThanTheClientReadsWaitsForIt() throws Exception {
        start(fastSettings(), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();

            client.send("SPAM " + KIB + "\r\n");

            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> !protocol.journal.contains("spam-done"));
            InputStream in = client.socket().getInputStream();
            in.skipNBytes(KIB * 1024L);

            assertThat(client.readLine()).isEqualTo("+OK spam");
            assertThat(protocol.journal).contains("spam-done");
        }
    }

    @Test
    void aClientThatPipelinesWithoutReadingIsDisconnectedAfterTheWriteTimeoutWithBoundedOutput() throws Exception {
        start(fastSettings().withWriteTimeout(Duration.ofSeconds(1)), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connectWithReceiveBuffer(port("plain"), 64 * 1024)) {
            client.readLine();

            // 200 requests of 1 MiB each, never read: 200 MiB the server must not queue.
            client.send("SPAM 1024\r\n".repeat(200));

            AtomicLong mostQueued = new AtomicLong();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() -> {
                mostQueued.accumulateAndGet((long) queuedOutput(), Math::max);
                return protocol.journal.contains("close");
            });

            // The high-water mark (64 KiB), plus the flush batch that crossed it (32 KiB) and the reply being built.
            assertThat(mostQueued.get()).isPositive().isLessThan(256 * 1024);
            // What the operating system's socket buffers took (a few MiB at most), not the 200 MiB asked for.
            assertThat(protocol.journal.stream().filter("spam-done"::equals).count()).isLessThan(10);
            assertThat(counter("mail.kernel.limits.exceeded", "limit", "write_timeout")).isEqualTo(1.0);
            assertThat(queuedOutput()).isZero();
        }
    }

    @Test
    void aClientReadingSlowlyButSteadilyIsNotDisconnected() throws Exception {
        start(fastSettings().withWriteTimeout(Duration.ofSeconds(1)), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connectWithReceiveBuffer(port("plain"), 64 * 1024)) {
            client.readLine();

            client.send("SPAM " + 2 * 1024 + "\r\n");

            InputStream in = client.socket().getInputStream();
            long start = System.nanoTime();
            for (int read = 0; read < 16; read++) {
                // A client on a slow link: 128 KiB every 200 ms, so the output stays above the mark past the timeout.
                Thread.sleep(200);
                in.skipNBytes(128 * 1024L);
            }
            assertThat(client.readLine()).isEqualTo("+OK spam");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(3));
            assertThat(counter("mail.kernel.limits.exceeded", "limit", "write_timeout")).isZero();
        }
    }

    @Test
    void aClientThatStopsReadingIsNotKeptByTheIdleTimerButByTheWriteTimeout() throws Exception {
        start(fastSettings().withIdleTimeout(Duration.ofMillis(300)).withWriteTimeout(Duration.ofSeconds(2)),
                listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();

            client.send("SPAM " + KIB + "\r\n");

            await().atMost(Duration.ofSeconds(10)).until(() -> protocol.journal.contains("close"));
            assertThat(counter("mail.kernel.limits.exceeded", "limit", "write_timeout")).isEqualTo(1.0);
        }
    }

    private double queuedOutput() {
        return registry.get("mail.kernel.output.queued").tags("listener", "plain").gauge().value();
    }
}
